package dk.sammen.notification.mail;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.thymeleaf.spring6.ISpringWebFluxTemplateEngine;
import org.thymeleaf.spring6.SpringWebFluxTemplateEngine;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresolver.ITemplateResolver;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;

class MailConfigurationTests {

	private final ReactiveWebApplicationContextRunner context = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class, ThymeleafAutoConfiguration.class))
		.withUserConfiguration(MailConfiguration.class)
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("spring.mail.host=127.0.0.1", "spring.mail.port=3025");

	@Test
	void bindsDocumentedDefaults_whenNothingIsSet() {
		MailProperties defaults = MailFixtures.properties();

		assertThat(defaults.fromAddress()).isEqualTo("nyhedsbrev@sammen.dk");
		assertThat(defaults.fromName()).isEqualTo("Sammen");
		assertThat(defaults.ratePerSecond()).isEqualTo(20);
		assertThat(defaults.permitTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(defaults.attempts()).isEqualTo(4);
		assertThat(defaults.initialBackoff()).isEqualTo(Duration.ofSeconds(1));
		assertThat(defaults.backoffMultiplier()).isEqualTo(2.0);
		assertThat(defaults.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
		assertThat(defaults.smtpTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(defaults.hostMealUrl()).isNull();
	}

	@Test
	void providesMailer_onBootsMailSenderWithTimeouts() {
		this.context
			.withPropertyValues("spring.mail.properties.mail.smtp.timeout=1234",
					"sammen.notification.mail.rate-per-second=5", "sammen.notification.mail.smtp-timeout=7s")
			.run((context) -> {
				assertThat(context).hasSingleBean(Mailer.class);
				assertThat(context.getBean(Mailer.class).rateLimiter().getRateLimiterConfig().getLimitRefreshPeriod())
					.isEqualTo(Duration.ofMillis(200));
				JavaMailSenderImpl sender = context.getBean(JavaMailSenderImpl.class);
				assertThat(sender.getJavaMailProperties()).containsEntry("mail.smtp.connectiontimeout", "7000")
					.containsEntry("mail.smtp.writetimeout", "7000")
					.containsEntry("mail.smtp.timeout", "1234");
			});
	}

	@Test
	void refusesToStart_onRateOfZero() {
		this.context.withPropertyValues("sammen.notification.mail.rate-per-second=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("rate-per-second"));
	}

	@Test
	void leavesWebTemplateEngineToBoot() {
		this.context.run((context) -> {
			// Boot's engine takes every ITemplateResolver bean: the mail resolvers must not be beans
			assertThat(context).hasSingleBean(ISpringWebFluxTemplateEngine.class).hasSingleBean(ITemplateResolver.class);
			SpringWebFluxTemplateEngine engine = (SpringWebFluxTemplateEngine) context.getBean(ISpringWebFluxTemplateEngine.class);
			assertThat(engine.getTemplateResolvers()).singleElement()
				.isInstanceOfSatisfying(AbstractConfigurableTemplateResolver.class,
						(resolver) -> assertThat(resolver.getPrefix()).isEqualTo("classpath:/templates/"));
		});
	}

}
