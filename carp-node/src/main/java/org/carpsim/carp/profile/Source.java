package org.carpsim.carp.profile;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where a profile switch comes from: a section of {@code shared/reference/carp-protocol.md} ("§4.2"),
 * of {@code ucarp-lab.md} ("ucarp-lab"), or "choice" when the reference leaves the question open and
 * the project decided (the switch's javadoc then says why). Every component of a profile record
 * carries one; a test checks that none is missing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Source {
  /** The section(s), e.g. {@code "carp-protocol.md §4.2"}. */
  String value();
}
