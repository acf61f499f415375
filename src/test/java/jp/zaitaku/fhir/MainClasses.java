package jp.zaitaku.fhir;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The server's own compiled classes (not the tests'), read once for every test that inspects them. */
public final class MainClasses {

	public static final JavaClasses ALL = new ClassFileImporter()
			.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("jp.zaitaku.fhir");

	private MainClasses() {}
}
