//! Hot paths allocate nothing: after a warm-up, training epochs and frame renders of the same sizes make
//! no heap allocation (counted by a wrapping global allocator in this test binary only).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

use activation_playground::Session;

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// Whether this thread's allocations are being counted: only the measured code's, not those the test
    /// harness's own threads make meanwhile (its timer and output threads allocate at times of their own).
    static COUNTING: Cell<bool> = const { Cell::new(false) };
}

/// Adds one to the count if this thread is being counted (a const thread-local: reading it never
/// allocates, so it is safe inside the allocator).
fn count() {
    if COUNTING.with(Cell::get) {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
    }
}

// SAFETY: every call is forwarded unchanged to the system allocator; only a counter is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Heap allocations `f` makes on this thread.
fn allocations_during(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    COUNTING.with(|c| c.set(true));
    f();
    COUNTING.with(|c| c.set(false));
    ALLOCATIONS.load(Ordering::Relaxed) - before
}

// One test function only: the counter is global, and parallel tests would add to each other's counts.
#[test]
fn training_and_rendering_do_not_allocate_after_warm_up() {
    for config in [
        "dataset=spiral&layers=8,8,8&lr=0.01",
        "dataset=spiral3&layers=16,16,16,16,16,16&batch=1&features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2",
        "dataset=circle&layers=4,2&activation=tanh&optimizer=momentum&reg=l1&rate=0.001&batch=37",
    ] {
        let mut session = Session::from_config(config).unwrap();
        session.step(1);
        session.render(100, 24, false).unwrap();
        let n = allocations_during(|| {
            session.step(5);
            session.render(100, 24, false).unwrap();
            session.render(100, 24, true).unwrap();
        });
        assert_eq!(n, 0, "{config}: {n} allocations in 5 epochs and 2 renders");
    }
    // The counter does count: a statistics report builds vectors.
    let session = Session::from_config("layers=3").unwrap();
    assert!(allocations_during(|| drop(session.stats())) > 0);
}
