package dk.sammen.systemtests.stack;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class against the shared running stack. One instance per class, so that a class creates
 * its organisations, events and activities once in a {@code @BeforeAll} method. Classes share the
 * stack's data: each keeps to kommuner (or search words) of its own so that its assertions see
 * only what it created.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(StackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public @interface SystemTest {

}
