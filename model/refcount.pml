/*
 * refcount.pml - the reference-counting protocol of libirqmap's mappings,
 * for the spin model checker.
 *
 * Three threads each share one hwirq (create = get-unless-zero under RCU,
 * falling back to the root mutex) and then let go (dispose = lock-free
 * decrement unless last; the last one under the mutex unpublishes and
 * queues the free with call_rcu). A fourth thread looks the hwirq up under
 * RCU, and a reclaimer runs the queued frees after a grace period.
 *
 * Checked: no mapping is revived once its count reached 0, no memory is
 * touched after it is freed, a (domain, hwirq) never has two mappings, and
 * no reference is lost (at the end nothing is mapped and nothing leaks).
 *
 * Build with -DMUTANT to drop get-unless-zero (a plain increment instead):
 * spin must then find a counterexample.
 */

#define NTHREADS 3
#define NOBJ 3			/* mapping objects; 0 means "none" */

byte revmap = 0;		/* the published mapping of the hwirq */
byte ref[NOBJ + 1];
bool published[NOBJ + 1];
bool freed[NOBJ + 1];		/* memory gone: must never be touched */
bool inuse[NOBJ + 1];		/* allocated (published or awaiting free) */
bool queued[NOBJ + 1];		/* unpublished, waiting for a grace period */
bool mutex = 0;
bool rcu[NTHREADS + 2];		/* in an RCU read-side section */
byte done = 0;

inline lock() { atomic { mutex == 0 -> mutex = 1 } }
inline unlock() { mutex = 0 }

/* touching an object's fields: only while it is not freed */
inline touch(m) { assert(!freed[m]) }

inline create(me, got) {
	byte cm;
	got = 0;
	rcu[me] = 1;
	cm = revmap;
	if
	:: cm != 0 ->
		touch(cm);
#ifdef MUTANT
		atomic { ref[cm]++; got = cm; }
#else
		atomic {
			if
			:: ref[cm] > 0 ->
				/* a live count is never one of a dying mapping */
				assert(published[cm]);
				ref[cm]++; got = cm
			:: else -> skip
			fi
		}
#endif
	:: else -> skip
	fi;
	rcu[me] = 0;
	if
	:: got == 0 ->
		lock();
		cm = revmap;
		if
		:: cm != 0 ->
			touch(cm);
			assert(ref[cm] > 0);	/* under the mutex: never 0 */
			ref[cm]++; got = cm
		:: else ->
			/* allocate a fresh object */
			atomic {
				if
				:: !inuse[1] -> cm = 1
				:: else -> if
					:: !inuse[2] -> cm = 2
					:: else -> assert(!inuse[3]); cm = 3
					fi
				fi;
				inuse[cm] = 1; freed[cm] = 0;
			}
			ref[cm] = 1;
			assert(revmap == 0);	/* one mapping per hwirq */
			published[cm] = 1;
			revmap = cm;
			got = cm
		fi;
		unlock()
	:: else -> skip
	fi
}

inline dispose(me, m) {
	bool dropped;
	dropped = 0;
	rcu[me] = 1;
	touch(m);
	atomic {
		if
		:: ref[m] > 1 -> ref[m]--; dropped = 1
		:: else -> skip
		fi
	}
	if
	:: !dropped ->
		lock();			/* still inside the RCU section */
		touch(m);
		assert(published[m]);	/* we hold a reference */
		atomic {
			ref[m]--;
			if
			:: ref[m] == 0 ->
				revmap = 0;
				published[m] = 0;
				queued[m] = 1	/* call_rcu */
			:: else -> skip
			fi
		}
		unlock()
	:: else -> skip
	fi;
	rcu[me] = 0
}

proctype user(byte me) {
	byte m;
	create(me, m);
	assert(m != 0);
	dispose(me, m);
	atomic { done++ }
}

proctype lookup(byte me) {
	byte m;
	do
	:: done < NTHREADS ->
		rcu[me] = 1;
		m = revmap;
		if
		:: m != 0 -> touch(m)
		:: else -> skip
		fi;
		rcu[me] = 0
	:: else -> break
	od
}

/* The call_rcu thread: free queued objects after every reader has left. */
proctype reclaimer() {
	byte m, p;
	do
	:: atomic { (queued[1] || queued[2] || queued[3]) ->
		if
		:: queued[1] -> m = 1
		:: queued[2] -> m = 2
		:: queued[3] -> m = 3
		fi
	   }
		/* grace period: every reader seen outside a section once */
		p = 0;
		do
		:: p < NTHREADS + 1 -> (rcu[p] == 0); p++
		:: else -> break
		od;
		atomic { freed[m] = 1; queued[m] = 0; inuse[m] = 0; ref[m] = 0 }
	:: done == NTHREADS && !queued[1] && !queued[2] && !queued[3] -> break
	od
}

init {
	atomic {
		run user(0); run user(1); run user(2);
		run lookup(3);
		run reclaimer();
	}
	(done == NTHREADS);
	/* no reference lost, nothing leaked: nothing is mapped any more */
	(_nr_pr == 1);
	assert(revmap == 0);
	assert(!published[1] && !published[2] && !published[3]);
	assert(ref[1] == 0 && ref[2] == 0 && ref[3] == 0);
}
