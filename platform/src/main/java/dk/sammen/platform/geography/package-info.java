/**
 * Denmark's 98 kommuner and 5 regions (official codes, a reference point inside each kommune),
 * shipped with the platform from {@code reference/kommuner.csv}, and great-circle distance.
 */
@NullMarked
package dk.sammen.platform.geography;

import org.jspecify.annotations.NullMarked;
