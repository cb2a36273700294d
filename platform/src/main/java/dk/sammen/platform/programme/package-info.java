/** Rules of the national programmes that more than one service applies. */
@NullMarked
package dk.sammen.platform.programme;

import org.jspecify.annotations.NullMarked;
