import Dispatch
import Foundation

/// Work shared out in chunks to a fixed number of threads, for a synchronous call: each worker takes the next
/// chunk of indices until none are left. Which thread does which chunk varies; results stored by index do not.
enum ParallelWork {
  /// Calls `body` once on each of up to `workers` dispatch threads and waits for all of them.
  /// `body` pulls ranges of `0..<count`, at most `chunkSize` long, from `next` until it returns nil, so it can
  /// keep per-thread state (a parser, a deflater) across its chunks.
  ///
  /// The calling thread only waits, also for one worker: its memory allocator arena (for the main thread, the
  /// one holding everything the program has built so far) is much slower to allocate from than a worker's.
  static func run(count: Int, workers: Int, chunkSize: Int = 16, _ body: @Sendable (_ next: () -> Range<Int>?) -> Void) {
    precondition(chunkSize > 0, "Cannot share work in chunks of \(chunkSize)")
    let chunks = (count + chunkSize - 1) / chunkSize
    let lanes = max(1, min(workers, chunks))
    let counter = ChunkCounter(count: count, chunkSize: chunkSize)
    withoutActuallyEscaping(body) { body in
      let group = DispatchGroup()
      // A serial queue per worker: such queues get a thread even when every thread of the global pool is busy
      // (or waiting, like the caller may be), so the work always makes progress.
      for lane in 0..<lanes {
        DispatchQueue(label: "QTIExport.worker.\(lane)", qos: .userInitiated).async(group: group) { body(counter.next) }
      }
      group.wait()  // `body` does not outlive this call
    }
  }

  /// Hands out consecutive ranges under a lock.
  private final class ChunkCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var start = 0
    private let count: Int
    private let chunkSize: Int

    init(count: Int, chunkSize: Int) {
      self.count = count
      self.chunkSize = chunkSize
    }

    func next() -> Range<Int>? {
      lock.withLock {
        guard start < count else { return nil }
        let end = min(count, start + chunkSize)
        defer { start = end }
        return start..<end
      }
    }
  }
}

/// One slot per index, each written by exactly one worker and read after all workers are done.
final class ResultSlots<Element>: @unchecked Sendable {
  private let slots: UnsafeMutableBufferPointer<Element?>

  init(count: Int) {
    slots = .allocate(capacity: count)
    slots.initialize(repeating: nil)
  }

  deinit {
    _ = slots.deinitialize()
    slots.deallocate()
  }

  /// Stores the result for `index`; each index is written once, by one thread.
  subscript(index: Int) -> Element? {
    get { slots[index] }
    set { slots[index] = newValue }
  }

  /// The results in index order (call when every worker is done).
  var all: [Element?] { Array(slots) }
}
