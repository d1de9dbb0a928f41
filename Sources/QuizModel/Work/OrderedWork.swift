import Foundation

/// The one way the libraries spread work over threads: an ordered map.
///
/// The calling thread *produces* inputs one after another, any thread *transforms* them (each thread with a
/// state of its own: a parser, a deflater, scratch buffers), and the calling thread *consumes* the outputs
/// strictly in the order the inputs were produced. Whatever the number of workers and however the threads
/// are scheduled, `consume` sees the same outputs in the same order, so the files built from them are the
/// same bytes.
///
/// ```swift
/// let lengths = OrderedWork.map(count: texts.count, workers: 4, state: { () }) { _, range in
///   range.map { texts[$0].utf8.count }
/// }
/// ```
///
/// With `workers` 1 everything runs on the calling thread, in order, with no thread started. With more,
/// `workers` threads of its own transform while the calling thread produces and consumes. (The calling thread
/// does not transform: on glibc it allocates from the process's main malloc arena, which holds everything
/// built so far and serves allocation-heavy work measurably slower than a fresh thread's arena; the export
/// benchmark lost about a fifth when the caller took a share.) Memory holds at most `2 × workers` inputs
/// and outputs in flight. Libraries take the number of workers as a parameter
/// (default 1); only the command line decides how many to use.
public enum OrderedWork {
  /// More threads than this are not started, whatever is asked.
  public static let maximumWorkers = 64

  /// Transforms each input `produce` returns (until it returns nil) and hands the outputs to `consume` in
  /// the order of their inputs.
  ///
  /// - Parameters:
  ///   - workers: The threads that transform (at least 1; at most ``maximumWorkers``); 1 transforms on the
  ///     calling thread.
  ///   - produce: Called on the calling thread, one input at a time; nil ends the input.
  ///   - state: Makes one worker's state, on the thread that will use it, before its first input.
  ///   - transform: Called on any thread, with that thread's state; must not touch anything the other calls
  ///     touch unless it is immutable.
  ///   - consume: Called on the calling thread, in input order.
  public static func pipeline<Input: Sendable, State, Output: Sendable>(
    workers: Int,
    produce: () -> Input?,
    state: @escaping @Sendable () -> State,
    transform: @escaping @Sendable (inout State, Input) -> Output,
    consume: (Output) -> Void
  ) {
    let helpers = min(workers, maximumWorkers)
    if helpers <= 1 {
      var local = state()
      while let input = produce() { consume(transform(&local, input)) }
      return
    }
    let shared = Shared<Input, Output>()
    shared.helpersRunning = helpers
    for _ in 0..<helpers {
      let thread = Thread { shared.help(state: state, transform: transform) }
      thread.name = "OrderedWork"
      thread.start()
    }
    shared.drive(inFlightLimit: 2 * helpers, produce: produce, consume: consume)
  }

  /// The outputs of `transform` for each chunk of `0..<count`, concatenated in index order.
  ///
  /// - Parameters:
  ///   - count: How many indices.
  ///   - chunkSize: Indices per chunk (at least 1): a chunk is the unit of work a thread takes at a time.
  ///   - workers: As in ``pipeline(workers:produce:state:transform:consume:)``.
  ///   - state: Makes one worker's state.
  ///   - transform: Maps a chunk of indices to its outputs, in index order.
  public static func map<State, Output: Sendable>(
    count: Int, chunkSize: Int = 16, workers: Int,
    state: @escaping @Sendable () -> State,
    _ transform: @escaping @Sendable (inout State, Range<Int>) -> [Output]
  ) -> [Output] {
    var outputs: [Output] = []
    outputs.reserveCapacity(count)
    forEach(count: count, chunkSize: chunkSize, workers: workers, state: state, transform: transform) {
      outputs.append($0)
    }
    return outputs
  }

  /// Hands the outputs of `transform` for each chunk of `0..<count` to `consume`, one by one in index order, as
  /// they come: only the outputs in flight are in memory, never all of them.
  ///
  /// - Parameters:
  ///   - count: How many indices.
  ///   - chunkSize: Indices per chunk (at least 1).
  ///   - workers: As in ``pipeline(workers:produce:state:transform:consume:)``.
  ///   - state: Makes one worker's state.
  ///   - transform: Maps a chunk of indices to its outputs, in index order.
  ///   - consume: Called on the calling thread with each output, in index order.
  public static func forEach<State, Output: Sendable>(
    count: Int, chunkSize: Int = 16, workers: Int,
    state: @escaping @Sendable () -> State,
    transform: @escaping @Sendable (inout State, Range<Int>) -> [Output],
    consume: (Output) -> Void
  ) {
    let size = max(1, chunkSize)
    var start = 0
    // No more threads than chunks: a small map stays on the calling thread.
    pipeline(
      workers: min(workers, (count + size - 1) / size),
      produce: { () -> Range<Int>? in
        guard start < count else { return nil }
        let end = min(count, start + size)
        defer { start = end }
        return start..<end
      },
      state: state, transform: transform,
      consume: { outputs in
        for output in outputs { consume(output) }
      })
  }

  /// The queues shared by the calling thread and the helpers.
  ///
  /// Ownership: `queue`, `ready`, `closed` and `helpersRunning` are touched only while holding `lock`. An
  /// input or output belongs to whoever took it out of those collections.
  private final class Shared<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    let lock = NSCondition()
    /// Inputs produced and waiting for a worker, oldest first, with their sequence numbers.
    var queue: [(sequence: Int, input: Input)] = []
    var queueHead = 0
    /// Outputs waiting for their turn, by sequence number.
    var ready: [Int: Output] = [:]
    var closed = false
    var helpersRunning = 0

    /// The next queued input; call holding `lock`.
    func take() -> (sequence: Int, input: Input)? {
      guard queueHead < queue.count else { return nil }
      let next = queue[queueHead]
      queueHead += 1
      if queueHead == queue.count {
        queue.removeAll(keepingCapacity: true)
        queueHead = 0
      }
      return next
    }

    /// The calling thread: produces, and consumes in order; then stops the helpers and waits for them.
    func drive(inFlightLimit: Int, produce: () -> Input?, consume: (Output) -> Void) {
      var nextRead = 0
      var nextConsume = 0
      var inputEnded = false
      lock.lock()
      while true {
        if let output = ready.removeValue(forKey: nextConsume) {
          lock.unlock()
          consume(output)
          nextConsume += 1
          lock.lock()
          continue
        }
        if inputEnded, nextConsume == nextRead { break }
        if !inputEnded, nextRead - nextConsume < inFlightLimit {
          lock.unlock()
          let input = produce()
          lock.lock()
          if let input {
            queue.append((nextRead, input))
            nextRead += 1
            lock.signal()
          } else {
            inputEnded = true
          }
          continue
        }
        // Every input in flight is queued or with a helper.
        lock.wait()
      }
      closed = true
      lock.broadcast()
      while helpersRunning > 0 { lock.wait() }
      lock.unlock()
    }

    /// A helper thread: transforms queued inputs until closed.
    func help<State>(state: () -> State, transform: (inout State, Input) -> Output) {
      var local: State?
      lock.lock()
      while true {
        if let (sequence, input) = take() {
          lock.unlock()
          if local == nil { local = state() }
          let output = transform(&local!, input)
          lock.lock()
          ready[sequence] = output
          lock.broadcast()
          continue
        }
        if closed { break }
        lock.wait()
      }
      helpersRunning -= 1
      lock.broadcast()
      lock.unlock()
    }
  }
}
