/**
 * Every error as {@code application/problem+json} (RFC 9457). Handlers throw
 * {@link dk.sammen.platform.problem.ApiProblem} or {@link dk.sammen.platform.problem.InvalidInputException};
 * one exception handler renders everything, including failures outside controllers.
 */
@NullMarked
package dk.sammen.platform.problem;

import org.jspecify.annotations.NullMarked;
