package org.carpsim.sim.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The ordered record of one run: frames transmitted, delivered and dropped, faults, link changes and
 * whatever upper layers add. Checkers, reports and the pcap of a run are views of it.
 *
 * <p>Entries are appended in time order, each with a sequence number that counts every event of
 * the run, including frame events the chosen {@link FrameRecording} does not keep (see {@link
 * #skip}): so the non-frame entries, their numbers and their text are the same at every recording
 * level. {@link #toText()} gives the canonical serialisation, one line per entry, which compares
 * two runs byte for byte.
 *
 * <p>Listeners see every recorded entry as it is appended (e.g. a live pcap writer). With {@code
 * retainFrames = false} frame entries go only to listeners and are not kept, so an hour-long
 * campus run can stream its transmissions to a pcap without holding them in memory.
 */
public final class History {

  private final FrameRecording frameRecording;
  private final boolean retainFrames;
  private final List<HistoryEntry> entries = new ArrayList<>();
  private final List<HistoryEntry> readOnly = Collections.unmodifiableList(entries);
  private final List<Consumer<? super HistoryEntry>> listeners = new ArrayList<>();
  private long nextSequence;
  private long lastTime = Long.MIN_VALUE;

  /** A history that records every frame event. */
  public History() {
    this(FrameRecording.ALL, true);
  }

  /** A history that records frame events at the given level and keeps them. */
  public History(FrameRecording frameRecording) {
    this(frameRecording, true);
  }

  /**
   * A history recording frame events at the given level.
   *
   * @param retainFrames false to pass frame entries to listeners only, without keeping them
   */
  public History(FrameRecording frameRecording, boolean retainFrames) {
    this.frameRecording = frameRecording;
    this.retainFrames = retainFrames;
  }

  /** The frame recording level. */
  public FrameRecording frameRecording() {
    return frameRecording;
  }

  /** True if transmissions are recorded (levels ALL and TRANSMISSIONS). */
  public boolean recordsTransmissions() {
    return frameRecording != FrameRecording.NONE;
  }

  /** True if recorded frame entries are kept here (false: they only went to the listeners). */
  public boolean keepsFrames() {
    return retainFrames;
  }

  /** True if deliveries and drops are recorded (level ALL). */
  public boolean recordsDeliveries() {
    return frameRecording == FrameRecording.ALL;
  }

  /**
   * Appends an event at {@code time}, passes it to the listeners and returns its entry.
   *
   * @throws IllegalArgumentException if {@code time} is before the last entry's (histories are in
   *     time order)
   */
  public HistoryEntry record(long time, HistoryEvent event) {
    if (time < lastTime) {
      throw new IllegalArgumentException(
          "history entries must come in time order: " + time + "ns is before the last entry at " + lastTime + "ns");
    }
    lastTime = time;
    HistoryEntry entry = new HistoryEntry(nextSequence++, time, event);
    if (retainFrames || !event.isFrameEvent()) {
      entries.add(entry);
    }
    for (int i = 0; i < listeners.size(); i++) {
      listeners.get(i).accept(entry);
    }
    return entry;
  }

  /**
   * Uses up {@code count} sequence numbers for frame events that happened but are not recorded at
   * this level, so that later entries get the numbers they would have had at level ALL.
   */
  public void skip(int count) {
    nextSequence += count;
  }

  /** The sequence number the next event will get. */
  public long nextSequence() {
    return nextSequence;
  }

  /** Adds a listener that receives each entry as it is recorded. */
  public void addListener(Consumer<? super HistoryEntry> listener) {
    listeners.add(listener);
  }

  /** Removes a listener added with {@link #addListener}. */
  public void removeListener(Consumer<? super HistoryEntry> listener) {
    listeners.remove(listener);
  }

  /** Every kept entry, in order (a read-only live view). */
  public List<HistoryEntry> entries() {
    return readOnly;
  }

  /** The number of kept entries. */
  public int size() {
    return entries.size();
  }

  /** The kept entries with {@code from <= time < to}, found by binary search (a copy). */
  public List<HistoryEntry> between(long from, long to) {
    if (to <= from) {
      return List.of();
    }
    return List.copyOf(entries.subList(firstAtOrAfter(from), firstAtOrAfter(to)));
  }

  /** The kept entries that name {@code entity} (a host also matches the events of its NICs). */
  public List<HistoryEntry> about(String entity) {
    return select(entry -> entry.involves(entity));
  }

  /** The kept entries whose event is of the given type. */
  public List<HistoryEntry> entriesOf(Class<? extends HistoryEvent> type) {
    return select(entry -> type.isInstance(entry.event()));
  }

  /** The kept events of the given type, without their entries. */
  public <T extends HistoryEvent> List<T> events(Class<T> type) {
    List<T> result = new ArrayList<>();
    for (HistoryEntry entry : entries) {
      if (type.isInstance(entry.event())) {
        result.add(type.cast(entry.event()));
      }
    }
    return result;
  }

  /** The kept events of the given type with their instants, in order. */
  public <T extends HistoryEvent> List<Timed<T>> timed(Class<T> type) {
    List<Timed<T>> result = new ArrayList<>();
    for (HistoryEntry entry : entries) {
      if (type.isInstance(entry.event())) {
        result.add(new Timed<>(entry.time(), type.cast(entry.event())));
      }
    }
    return result;
  }

  /** The kept entries that {@code filter} accepts, in order. */
  public List<HistoryEntry> select(Predicate<? super HistoryEntry> filter) {
    List<HistoryEntry> result = new ArrayList<>();
    for (HistoryEntry entry : entries) {
      if (filter.test(entry)) {
        result.add(entry);
      }
    }
    return result;
  }

  /** The canonical text of every kept entry, one line each, each ending in {@code \n}. */
  public String toText() {
    return toText(entry -> true);
  }

  /** The canonical text of the kept entries {@code filter} accepts. */
  public String toText(Predicate<? super HistoryEntry> filter) {
    StringBuilder out = new StringBuilder(entries.size() * 64);
    for (HistoryEntry entry : entries) {
      if (filter.test(entry)) {
        entry.appendLine(out);
        out.append('\n');
      }
    }
    return out.toString();
  }

  /** Writes {@link #toText()} to {@code out}, entry by entry. */
  public void writeText(Appendable out) {
    StringBuilder line = new StringBuilder(128);
    try {
      for (HistoryEntry entry : entries) {
        line.setLength(0);
        entry.appendLine(line);
        out.append(line).append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the history", e);
    }
  }

  @Override
  public String toString() {
    return "History[" + entries.size() + " entries, frames " + frameRecording + "]";
  }

  private int firstAtOrAfter(long time) {
    int low = 0;
    int high = entries.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (entries.get(mid).time() < time) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
