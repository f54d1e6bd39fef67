package org.carpsim.carp.node;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.function.Predicate;

/**
 * A {@link LinkedHashSet} that counts its changes (see {@link VersionedMap}): a carp interface's
 * groups, from which its demotion is derived. The iterator's remover is not used on these sets.
 */
final class VersionedSet<E> extends LinkedHashSet<E> {

  /** Changes so far. */
  int version;

  @Override
  public boolean add(E e) {
    version++;
    return super.add(e);
  }

  @Override
  public boolean remove(Object o) {
    version++;
    return super.remove(o);
  }

  @Override
  public boolean addAll(Collection<? extends E> c) {
    version++;
    return super.addAll(c);
  }

  @Override
  public boolean removeAll(Collection<?> c) {
    version++;
    return super.removeAll(c);
  }

  @Override
  public boolean retainAll(Collection<?> c) {
    version++;
    return super.retainAll(c);
  }

  @Override
  public boolean removeIf(Predicate<? super E> filter) {
    version++;
    return super.removeIf(filter);
  }

  @Override
  public void clear() {
    version++;
    super.clear();
  }
}
