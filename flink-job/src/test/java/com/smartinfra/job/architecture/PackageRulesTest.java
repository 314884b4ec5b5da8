package com.smartinfra.job.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job's package rules (README "Code map"): the pure cores have no Flink types, the feature
 * packages do not depend on each other in circles, and infrastructure knows nothing of features.
 * Flink adapters are named for what they are ({@code *Function}, {@code *Operator}, {@code
 * *Serializer}, ...): only they, and the settings ({@code *Options}: Flink ConfigOptions, {@code
 * *Config}: read through them), may use Flink in {@code detect} and {@code alert}.
 */
class PackageRulesTest {
    private static final String JOB = "com.smartinfra.job";

    /** Name endings of the thin Flink adapters around a pure core. */
    private static final String FLINK_ADAPTER =
            ".*(Function|Operator|Serializer|Deserializer|Pipeline|Stage|Converter|Metrics|Options|Config)(\\$.*)?";

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages(JOB);
    }

    @Test
    void theDetectorsCoreHasNoFlinkTypes() {
        noClasses()
                .that()
                .resideInAPackage(JOB + ".detect..")
                .and()
                .haveNameNotMatching(FLINK_ADAPTER)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.flink..")
                .because("the detector is tested and benchmarked without Flink")
                .check(main);
    }

    @Test
    void theAlertLifecycleAndItsRenderingHaveNoFlinkTypes() {
        noClasses()
                .that()
                .resideInAPackage(JOB + ".alert..")
                .and()
                .haveNameNotMatching(FLINK_ADAPTER)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.flink..")
                .because("what an alert says and when is decided without Flink")
                .check(main);
    }

    @Test
    void thePackagesHaveNoCycles() {
        slices().matching(JOB + ".(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void storageKnowsNothingOfTheFeatures() {
        noClasses()
                .that()
                .resideInAPackage(JOB + ".store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        JOB + ".alert..", JOB + ".detect..", JOB + ".stats..", JOB + ".eval..")
                .check(main);
    }

    @Test
    void ingestKnowsNothingOfWhatFollowsIt() {
        noClasses()
                .that()
                .resideInAPackage(JOB + ".ingest..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        JOB + ".alert..", JOB + ".detect..", JOB + ".stats..", JOB + ".eval..")
                .check(main);
    }

    @Test
    void theDetectorKnowsNothingOfAlerting() {
        noClasses()
                .that()
                .resideInAPackage(JOB + ".detect..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(JOB + ".alert..", JOB + ".stats..")
                .check(main);
    }

    @Test
    void theJobDoesNotNeedTheEvaluationTools() {
        noClasses()
                .that()
                .resideOutsideOfPackage(JOB + ".eval..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(JOB + ".eval..")
                .because("the evaluation tools are not in the job jar")
                .check(main);
    }
}
