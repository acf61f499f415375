package jp.zaitaku.fhir.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a registrations file (clients, users): a JSON array; an unreadable one stops the start. */
public final class RegistrationFile {

	private RegistrationFile() {}

	public static <T> List<T> read(String file, Class<T> entryType) {
		ObjectMapper json = new ObjectMapper();
		try {
			return json.readValue(Files.readString(Path.of(file)),
					json.getTypeFactory().constructCollectionType(List.class, entryType));
		} catch (IOException e) {
			throw new IllegalStateException("The registrations file " + file + " cannot be read: " + e.getMessage(), e);
		}
	}
}
