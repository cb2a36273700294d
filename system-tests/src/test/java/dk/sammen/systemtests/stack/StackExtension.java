package dk.sammen.systemtests.stack;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dk.sammen.systemtests.api.Gateway;
import dk.sammen.systemtests.api.Mailbox;

/**
 * Starts one {@link SystemStack} for the whole test run, the first time a test class needs it,
 * and stops it when the run ends (the root store closes it; the stack's JVM shutdown hook is the
 * backstop). Test classes get the stack, a {@link Gateway} client or the {@link Mailbox} as parameters.
 * <p>
 * A stack that does not start fails every test class with the same cause at once, rather than
 * being tried again for each.
 */
public final class StackExtension implements BeforeAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StackExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		stack(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		Class<?> type = parameter.getParameter().getType();
		return type == SystemStack.class || type == Gateway.class || type == Mailbox.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		SystemStack stack = stack(context);
		Class<?> type = parameter.getParameter().getType();
		if (type == Gateway.class) {
			return new Gateway(stack.gatewayUri(), stack.adminKey());
		}
		return (type == Mailbox.class) ? new Mailbox(stack.imapPort()) : stack;
	}

	private static SystemStack stack(ExtensionContext context) {
		return context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(SharedStack.class, (key) -> SharedStack.start(), SharedStack.class)
			.get();
	}

	/** The started stack, or why it did not start. */
	private static final class SharedStack implements AutoCloseable {

		private final @Nullable SystemStack stack;

		private final @Nullable RuntimeException failure;

		private SharedStack(@Nullable SystemStack stack, @Nullable RuntimeException failure) {
			this.stack = stack;
			this.failure = failure;
		}

		static SharedStack start() {
			try {
				return new SharedStack(SystemStack.start(), null);
			}
			catch (RuntimeException ex) {
				return new SharedStack(null, ex);
			}
		}

		SystemStack get() {
			if (this.stack == null) {
				throw new IllegalStateException("The shared stack is not running", this.failure);
			}
			return this.stack;
		}

		@Override
		public void close() {
			if (this.stack != null) {
				this.stack.close();
			}
		}

	}

}
