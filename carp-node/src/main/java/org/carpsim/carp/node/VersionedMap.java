package org.carpsim.carp.node;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A {@link HashMap} that counts its changes, so that a value derived from it (the demotion an
 * advertisement carries) can be kept until the map changes instead of recomputed per packet. Every
 * mutator bumps {@link #version}; the views' own removers are not used on these maps.
 */
final class VersionedMap<K, V> extends HashMap<K, V> {

  /** Changes so far. */
  int version;

  @Override
  public V put(K key, V value) {
    version++;
    return super.put(key, value);
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> m) {
    version++;
    super.putAll(m);
  }

  @Override
  public V putIfAbsent(K key, V value) {
    version++;
    return super.putIfAbsent(key, value);
  }

  @Override
  public V remove(Object key) {
    version++;
    return super.remove(key);
  }

  @Override
  public boolean remove(Object key, Object value) {
    version++;
    return super.remove(key, value);
  }

  @Override
  public V replace(K key, V value) {
    version++;
    return super.replace(key, value);
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    version++;
    return super.replace(key, oldValue, newValue);
  }

  @Override
  public void replaceAll(BiFunction<? super K, ? super V, ? extends V> function) {
    version++;
    super.replaceAll(function);
  }

  @Override
  public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remapping) {
    version++;
    return super.merge(key, value, remapping);
  }

  @Override
  public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
    version++;
    return super.compute(key, remapping);
  }

  @Override
  public V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
    version++;
    return super.computeIfPresent(key, remapping);
  }

  @Override
  public V computeIfAbsent(K key, Function<? super K, ? extends V> mapping) {
    version++;
    return super.computeIfAbsent(key, mapping);
  }

  @Override
  public void clear() {
    version++;
    super.clear();
  }
}
