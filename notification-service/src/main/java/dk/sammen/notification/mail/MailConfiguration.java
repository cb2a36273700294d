package dk.sammen.notification.mail;

import java.time.Duration;
import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The {@link Mailer}, on the {@link JavaMailSender} Boot builds from {@code spring.mail.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailProperties.class)
class MailConfiguration {

	@Bean
	Mailer mailer(JavaMailSender sender, MailProperties properties, MeterRegistry meters) {
		if (sender instanceof JavaMailSenderImpl javaMail) {
			withTimeouts(javaMail, properties.smtpTimeout());
		}
		return new Mailer(sender, properties, meters);
	}

	/**
	 * Jakarta Mail waits forever for a silent SMTP server by default, which would hold a listener
	 * thread; what {@code spring.mail.properties} sets explicitly is kept.
	 */
	static JavaMailSenderImpl withTimeouts(JavaMailSenderImpl sender, Duration timeout) {
		Properties properties = sender.getJavaMailProperties();
		String millis = Long.toString(timeout.toMillis());
		properties.putIfAbsent("mail.smtp.connectiontimeout", millis);
		properties.putIfAbsent("mail.smtp.timeout", millis);
		properties.putIfAbsent("mail.smtp.writetimeout", millis);
		return sender;
	}

}
