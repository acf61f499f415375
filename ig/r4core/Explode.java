// Builds the FHIR package hl7.fhir.r4.core#4.0.1 (the folder SUSHI reads) from the R4 definition
// bundles shipped in HAPI's hapi-fhir-validation-resources-r4 jar. JDK 17 single-file program:
//   java -cp <classpath of pom.xml> Explode.java <output package folder>
// Output is deterministic: one pretty-printed JSON file per resource, sorted index, fixed package.json.
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import org.hl7.fhir.r4.model.*;

public class Explode {
  static final String ROOT = "/org/hl7/fhir/r4/model/";
  static final String[] BUNDLES = {
    "profile/profiles-types.xml", "profile/profiles-resources.xml", "profile/profiles-others.xml",
    "extension/extension-definitions.xml", "valueset/valuesets.xml", "valueset/v2-tables.xml",
    "valueset/v3-codesystems.xml", "sp/search-parameters.json" };

  public static void main(String[] args) throws IOException {
    if (args.length != 1) throw new IllegalArgumentException("usage: Explode <package-dir>");
    Path out = Paths.get(args[0]);
    Files.createDirectories(out);
    FhirContext ctx = FhirContext.forR4();
    IParser writer = ctx.newJsonParser().setPrettyPrint(true);
    SortedMap<String, Resource> files = new TreeMap<>();
    for (String name : BUNDLES) {
      IParser reader = name.endsWith(".json") ? ctx.newJsonParser() : ctx.newXmlParser();
      try (InputStream in = Explode.class.getResourceAsStream(ROOT + name)) {
        if (in == null) throw new FileNotFoundException("not on the classpath: " + ROOT + name);
        Bundle bundle = reader.parseResource(Bundle.class, new InputStreamReader(in, StandardCharsets.UTF_8));
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
          Resource r = e.getResource();
          if (r == null || !r.hasIdElement() || r.getIdElement().getIdPart() == null) continue;
          // first occurrence wins, so the bundle order above decides duplicates
          files.putIfAbsent(r.fhirType() + "-" + r.getIdElement().getIdPart() + ".json", r);
        }
      }
    }
    StringBuilder index = new StringBuilder("{\n  \"index-version\": 1,\n  \"files\": [");
    String sep = "\n";
    for (Map.Entry<String, Resource> f : files.entrySet()) {
      Resource r = f.getValue();
      Files.writeString(out.resolve(f.getKey()), writer.encodeResourceToString(r) + "\n", StandardCharsets.UTF_8);
      index.append(sep).append("    {\"filename\": ").append(q(f.getKey()))
          .append(", \"resourceType\": ").append(q(r.fhirType()))
          .append(", \"id\": ").append(q(r.getIdElement().getIdPart()));
      if (r instanceof MetadataResource m) {
        if (m.hasUrl()) index.append(", \"url\": ").append(q(m.getUrl()));
        if (m.hasVersion()) index.append(", \"version\": ").append(q(m.getVersion()));
      }
      index.append("}");
      sep = ",\n";
    }
    Files.writeString(out.resolve(".index.json"), index + "\n  ]\n}\n", StandardCharsets.UTF_8);
    Files.writeString(out.resolve("package.json"), String.join("\n", "{",
        "  \"name\": \"hl7.fhir.r4.core\",", "  \"version\": \"4.0.1\",", "  \"type\": \"Core\",",
        "  \"fhirVersions\": [\"4.0.1\"],", "  \"canonical\": \"http://hl7.org/fhir\",",
        "  \"description\": \"FHIR R4 core definitions, rebuilt from hapi-fhir-validation-resources-r4\",",
        "  \"license\": \"CC0-1.0\"", "}", ""), StandardCharsets.UTF_8);
    System.out.println("wrote " + files.size() + " resources to " + out);
  }

  static String q(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }
}
