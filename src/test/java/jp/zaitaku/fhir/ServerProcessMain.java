package jp.zaitaku.fhir;

import java.io.IOException;

/**
 * The entry point of a server started by {@link ServerProcess}: the application, plus a thread that
 * shuts it down (politely, so its PostgreSQL stops too) when the test JVM's end of its standard input
 * closes. The test JVM may die in any way, even by kill -9: its child never outlives it.
 */
public final class ServerProcessMain {

	private ServerProcessMain() {}

	public static void main(String[] args) {
		Thread parentWatch = new Thread(() -> {
			try {
				while (System.in.read() >= 0) {
					// the parent never writes; reading only waits for the end of the stream
				}
			} catch (IOException closed) {
				// the same as the end of the stream
			}
			System.exit(0);
		}, "parent-watch");
		parentWatch.setDaemon(true);
		parentWatch.start();
		ZaitakuFhirApplication.main(args);
	}
}
