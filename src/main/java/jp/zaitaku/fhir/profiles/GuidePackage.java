package jp.zaitaku.fhir.profiles;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The home-care implementation guide's package as shipped in the jar ({@code ig-package/}, copied from
 * {@code ig/fsh-generated/resources} by the build), read once: its resources and a hash that changes
 * whenever any file of it does.
 */
@Component
public class GuidePackage {

	static final String LOCATION = "classpath*:ig-package/*.json";

	private final List<IBaseResource> resources;
	private final String hash;

	public GuidePackage(FhirContext fhirContext) {
		Resource[] files = files();
		Arrays.sort(files, Comparator.comparing(Resource::getFilename));
		List<IBaseResource> parsed = new ArrayList<>();
		MessageDigest digest = sha256();
		for (Resource file : files) {
			byte[] content = read(file);
			digest.update(file.getFilename().getBytes(StandardCharsets.UTF_8));
			digest.update(content);
			parsed.add(fhirContext.newJsonParser().parseResource(new String(content, StandardCharsets.UTF_8)));
		}
		this.resources = List.copyOf(parsed);
		this.hash = HexFormat.of().formatHex(digest.digest());
	}

	/** Every resource of the package (conformance resources, the ImplementationGuide and the examples), in file-name order. */
	public List<IBaseResource> resources() {
		return resources;
	}

	/** The resources of one class, e.g. {@code ofType(CodeSystem.class)}. */
	public <T extends IBaseResource> List<T> ofType(Class<T> type) {
		return resources.stream().filter(type::isInstance).map(type::cast).toList();
	}

	/** SHA-256 over file names and contents. */
	public String hash() {
		return hash;
	}

	private static Resource[] files() {
		try {
			return new PathMatchingResourcePatternResolver().getResources(LOCATION);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot list the implementation guide package", e);
		}
	}

	private static byte[] read(Resource file) {
		try (InputStream in = file.getInputStream()) {
			return in.readAllBytes();
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read " + file, e);
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
