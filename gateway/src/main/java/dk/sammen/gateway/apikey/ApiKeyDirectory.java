package dk.sammen.gateway.apikey;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dk.sammen.platform.identity.CallerIdentity;

/**
 * Every live API key, by the SHA-256 of the key. Requests read it concurrently; only the topic
 * consumer writes. A revocation is remembered by key id, so a key whose revocation is read
 * before its issue (which compaction and partition order allow) never becomes valid.
 */
final class ApiKeyDirectory {

	private final Map<String, CallerIdentity> callersBySha256 = new ConcurrentHashMap<>();

	private final Map<String, String> sha256ByKeyId = new ConcurrentHashMap<>();

	private final Set<String> revokedKeyIds = ConcurrentHashMap.newKeySet();

	/**
	 * The caller a key acts as. A lookup by hash leaks nothing through timing: an attacker
	 * cannot steer the SHA-256 of a guessed key towards a stored one.
	 */
	Optional<CallerIdentity> find(String sha256) {
		return Optional.ofNullable(this.callersBySha256.get(normalize(sha256)));
	}

	synchronized void issued(String sha256, CallerIdentity caller) {
		if (this.revokedKeyIds.contains(caller.keyId())) {
			return;
		}
		String hash = normalize(sha256);
		String previous = this.sha256ByKeyId.put(caller.keyId(), hash);
		if (previous != null && !previous.equals(hash)) {
			this.callersBySha256.remove(previous);
		}
		this.callersBySha256.put(hash, caller);
	}

	synchronized void revoked(String keyId) {
		this.revokedKeyIds.add(keyId);
		String hash = this.sha256ByKeyId.remove(keyId);
		if (hash != null) {
			this.callersBySha256.remove(hash);
		}
	}

	/** How many keys authenticate now. */
	int size() {
		return this.callersBySha256.size();
	}

	private static String normalize(String sha256) {
		return sha256.toLowerCase(Locale.ROOT);
	}

}
