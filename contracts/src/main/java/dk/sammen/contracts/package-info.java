/**
 * The wire contract between Sammen's services: Kafka topic names, CloudEvent types and the
 * versioned payload records carried as CloudEvent data. A payload record never changes shape
 * once released; a new shape is a new {@code .vN} type.
 */
@NullMarked
package dk.sammen.contracts;

import org.jspecify.annotations.NullMarked;
