package dev.dobby.hub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The hub's core (model, services, store ports) stays free of web, SQL and UI frameworks. */
class ArchitectureTest {
    private static final JavaClasses HUB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.dobby.hub");

    @Test
    void theCoreKnowsNoFrameworks() {
        noClasses().that().resideInAnyPackage("dev.dobby.hub.core..", "dev.dobby.hub.store")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "org.jdbi..",
                        "java.sql..", "javafx..", "org.sqlite..", "com.zaxxer..")
                .check(HUB);
    }

    @Test
    void onlyTheStoreAdaptersTouchSql() {
        noClasses().that().resideOutsideOfPackages("dev.dobby.hub.store.sqlite..", "dev.dobby.hub.store.postgres..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "java.sql..", "org.sqlite..",
                        "org.postgresql..")
                .check(HUB);
    }

    @Test
    void theHttpLayerGoesThroughTheServicesNotTheStore() {
        noClasses().that().resideInAPackage("dev.dobby.hub.http..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.dobby.hub.store..")
                .check(HUB);
    }
}
