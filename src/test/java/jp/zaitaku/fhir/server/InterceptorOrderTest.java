package jp.zaitaku.fhir.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import com.tngtech.archunit.core.domain.JavaClass;
import jp.zaitaku.fhir.MainClasses;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every interceptor hook of the server takes its order from {@link InterceptorOrder}, no two of our
 * hooks on one pointcut tie (a tie runs in registration order, i.e. by chance), and the table in
 * docs/architecture.md lists every order.
 */
class InterceptorOrderTest {

	private static final Path MAIN_SOURCES = Path.of("src/main/java");
	private static final Pattern LITERAL_ORDER = Pattern.compile("order\\s*=\\s*-?\\d");

	private record HookMethod(Pointcut pointcut, int order, String where) {}

	private static Map<String, Integer> orders() throws IllegalAccessException {
		Map<String, Integer> orders = new TreeMap<>();
		for (Field field : InterceptorOrder.class.getDeclaredFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
				orders.put(field.getName(), field.getInt(null));
			}
		}
		return orders;
	}

	private static List<HookMethod> hooks() {
		List<HookMethod> hooks = new ArrayList<>();
		for (JavaClass imported : MainClasses.ALL) {
			Class<?> type = imported.reflect();
			Interceptor classOrder = type.getAnnotation(Interceptor.class);
			for (Class<?> declaring = type; declaring != null && declaring != Object.class; declaring = declaring.getSuperclass()) {
				for (Method method : declaring.getDeclaredMethods()) {
					Hook hook = method.getAnnotation(Hook.class);
					if (hook == null || (declaring != type && overridden(type, method))) {
						continue;
					}
					int order = hook.order() != Interceptor.DEFAULT_ORDER || classOrder == null ? hook.order() : classOrder.order();
					hooks.add(new HookMethod(hook.value(), order, type.getSimpleName() + "#" + method.getName()));
				}
			}
		}
		return hooks;
	}

	private static boolean overridden(Class<?> type, Method inherited) {
		try {
			return type.getDeclaredMethod(inherited.getName(), inherited.getParameterTypes()) != null;
		} catch (NoSuchMethodException notOverridden) {
			return false;
		}
	}

	@Test
	void everyHookHasAnOrderFromTheTable() throws Exception {
		Set<Integer> known = Set.copyOf(orders().values());
		List<HookMethod> hooks = hooks();
		assertTrue(hooks.size() > 50, "hooks found: " + hooks.size());
		List<String> unordered = hooks.stream()
				.filter(hook -> hook.order() == Interceptor.DEFAULT_ORDER || !known.contains(hook.order()))
				.map(HookMethod::where).toList();
		assertTrue(unordered.isEmpty(), () -> "hooks without an order from InterceptorOrder: " + unordered);
	}

	@Test
	void noOrderIsWrittenAsANumberOutsideTheTable() throws IOException {
		try (Stream<Path> sources = Files.walk(MAIN_SOURCES)) {
			List<Path> literal = sources.filter(path -> path.toString().endsWith(".java"))
					.filter(path -> !path.endsWith(Path.of("server", "InterceptorOrder.java")))
					.filter(path -> LITERAL_ORDER.matcher(read(path)).find())
					.toList();
			assertTrue(literal.isEmpty(), () -> "hook orders written as numbers: " + literal);
		}
	}

	@Test
	void noTwoHooksOfOnePointcutTie() {
		Map<Pointcut, Map<Integer, List<String>>> byPointcut = new HashMap<>();
		for (HookMethod hook : hooks()) {
			byPointcut.computeIfAbsent(hook.pointcut(), p -> new TreeMap<>())
					.computeIfAbsent(hook.order(), o -> new ArrayList<>())
					.add(hook.where().substring(0, hook.where().indexOf('#')));
		}
		List<String> ties = byPointcut.entrySet().stream()
				.flatMap(pointcut -> pointcut.getValue().entrySet().stream()
						.filter(order -> order.getValue().stream().distinct().count() > 1)
						.map(order -> pointcut.getKey() + " " + order.getKey() + ": " + order.getValue()))
				.toList();
		assertTrue(ties.isEmpty(), () -> "hooks that run in registration order: " + ties);
	}

	@Test
	void everyOrderIsUsedAndListedInTheArchitectureDocument() throws Exception {
		String document = read(Path.of("docs", "architecture.md"));
		String sources;
		try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
			sources = files.filter(path -> path.toString().endsWith(".java") && !path.endsWith(Path.of("server", "InterceptorOrder.java")))
					.map(InterceptorOrderTest::read).collect(Collectors.joining("\n"));
		}
		List<String> unused = orders().keySet().stream().filter(name -> !sources.contains("InterceptorOrder." + name)).toList();
		List<String> unlisted = orders().keySet().stream().filter(name -> !document.contains("`" + name + "`")).toList();
		assertTrue(unused.isEmpty(), () -> "orders no hook uses: " + unused);
		assertTrue(unlisted.isEmpty(), () -> "orders missing from the table in docs/architecture.md: " + unlisted);
	}

	private static String read(Path path) {
		try {
			return Files.readString(path, StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}
}
