package dk.sammen.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

import dk.sammen.platform.test.SecretComparisons;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/** The package rules: features stand alone, and each keeps its internals to itself. */
class ArchitectureTest {

	private static final JavaClasses gateway = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dk.sammen.gateway");

	@Test
	void featurePackages_areFreeOfCycles() {
		slices().matching("dk.sammen.gateway.(*)..").should().beFreeOfCycles().check(gateway);
	}

	@Test
	void featurePackages_doNotDependOnEachOther() {
		slices().matching("dk.sammen.gateway.(*)..").should().notDependOnEachOther().check(gateway);
	}

	@Test
	void featureClasses_arePackagePrivate() {
		classes().that()
			.resideInAPackage("dk.sammen.gateway.*..")
			.and()
			.doNotHaveSimpleName("package-info")
			.should()
			.notBePublic()
			.because("a feature is used through Spring, not by other packages")
			.check(gateway);
	}

	@Test
	void keyHashing_staysInTheApiKeyFeature() {
		noClasses().that()
			.resideOutsideOfPackage("dk.sammen.gateway.apikey..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dk.sammen.contracts.apikey..")
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName("dk.sammen.platform.identity.ApiKeySecrets")
			.check(gateway);
	}

	@Test
	void secrets_areComparedOnlyInConstantTime() {
		SecretComparisons.compareSecretsOnlyInConstantTime().check(gateway);
	}

	@Test
	void kafka_isReadOnlyForKeysAndForTheFeedStream() {
		noClasses().that()
			.resideOutsideOfPackage("dk.sammen.gateway.apikey..")
			.and()
			.haveNameNotMatching("dk\\.sammen\\.gateway\\.feed\\.(FeedConfiguration|LiveChanges|ChangeReplay|ChangeDecoder)(\\$.*)?")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..", "io.cloudevents..")
			.because("the feed's pages come from the services over HTTP; only its stream's readers follow the topics")
			.check(gateway);
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.apache.kafka.clients.producer..")
			.orShould()
			.dependOnClassesThat()
			.haveSimpleNameStartingWith("KafkaTemplate")
			.because("the gateway only reads topics; the services own what is on them")
			.check(gateway);
	}

	@Test
	void feedFormats_knowOnlyTheMergedPage() {
		noClasses().that()
			.resideInAPackage("dk.sammen.gateway.feed")
			.and()
			.haveSimpleNameEndingWith("FeedWriter")
			.should()
			.dependOnClassesThat()
			.haveSimpleNameEndingWith("Source")
			.orShould()
			.dependOnClassesThat()
			.haveSimpleName("SourceClient")
			.orShould()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.web.reactive.function.client..")
			.because("a format writes what the merge produced, whichever services it came from")
			.check(gateway);
	}

	@Test
	void everyPackage_isNullMarked() {
		assertThat(gateway.getPackage("dk.sammen.gateway").getClassesInPackageTree()).isNotEmpty();
		for (JavaPackage javaPackage : gateway.getPackage("dk.sammen.gateway").getSubpackagesInTree()) {
			assertThat(javaPackage.isAnnotatedWith(NullMarked.class)).as(javaPackage.getName()).isTrue();
		}
		assertThat(gateway.getPackage("dk.sammen.gateway").isAnnotatedWith(NullMarked.class)).isTrue();
	}

}
