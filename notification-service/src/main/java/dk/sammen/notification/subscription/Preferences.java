package dk.sammen.notification.subscription;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dk.sammen.notification.mail.Language;

/**
 * What a subscriber wants. Empty {@code kommuner} and {@code regions} mean the whole country, empty
 * {@code programmes} every programme.
 */
public record Preferences(List<String> kommuner, List<String> regions, List<String> programmes, Language language,
		Frequency frequency) {

	public Preferences {
		kommuner = List.copyOf(kommuner);
		regions = List.copyOf(regions);
		programmes = List.copyOf(programmes);
	}

	/** Whether something in {@code kommuneCode} of {@code regionCode} is of interest; null means online or nationwide. */
	public boolean covers(@Nullable String kommuneCode, @Nullable String regionCode) {
		if (kommuneCode == null || (this.kommuner.isEmpty() && this.regions.isEmpty())) {
			return true;
		}
		return this.kommuner.contains(kommuneCode) || (regionCode != null && this.regions.contains(regionCode));
	}

	public boolean follows(String programme) {
		return this.programmes.isEmpty() || this.programmes.contains(programme);
	}

}
