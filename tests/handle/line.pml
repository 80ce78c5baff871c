/*
 * line.pml - the line word of src/handle/line.c and fastpath.c, for spin.
 *
 * Two threads deliver a level interrupt on one line: each tries the
 * lock-free path (claim with one compare-and-swap, chip calls under the
 * line lock's bit, handlers, finish with a second compare-and-swap) and
 * falls back to the locked path (desc->lock, then the bit). A controller
 * disables the line, synchronises it (waiting on the line's condition
 * variable), checks that nothing runs, and enables it again; and calls
 * synchronize_irq() alone on the enabled line.
 *
 * Checked in every interleaving:
 *  - one run of the handlers at a time;
 *  - chip calls never overlap;
 *  - no handler runs between disable_irq() + synchronize_irq() returning
 *    and enable_irq();
 *  - no lost wake-up: no invalid end state (a waiter nobody wakes),
 *    also when the line stays enabled (then only h->sync_waiters keeps
 *    the fast path off).
 * The holder of the line lock writes the word with a load and a separate
 * store, as the C code does, so a write by anybody else in between would
 * be lost and caught. -DMUTANT claims without looking at IRQM_LINE_FAST,
 * which must be caught.
 */

#define LOCK		1
#define FAST		2
#define INPROG		4
#define DISABLED	8
#define CLAIM_BITS	(LOCK | FAST | INPROG)

#define NR_DELIVERIES	2
#define NR_ROUNDS	2

byte word = FAST;	/* requested, enabled, nothing unusual */
bit mutex;		/* desc->lock */
bit pending;		/* istate IRQS_PENDING */
byte sync_waiters;
bit cond_waiting;	/* the controller sleeps on the condition */
bit cond_signal;
byte chip_busy;
byte running;		/* runs of the handlers under way */
bit closed;		/* disabled and synchronised, not yet enabled */

inline mutex_lock() { atomic { mutex == 0 -> mutex = 1 } }
inline mutex_unlock() { mutex = 0 }

/* lock_bit(): compare-and-swap from a value without the bit */
inline lock_bit() { atomic { (word & LOCK) == 0 -> word = word | LOCK } }

/* The holder's plain store: a load, then a store. */
inline holder_set(bits) { t = word; word = t | (bits) }
inline holder_clr(bits) { t = word; word = t & ~(bits) }

/* unlock_bit(): decide IRQM_LINE_FAST afresh, drop the bit (holder). */
inline unlock_bit() {
	t = word;
	if
	:: (t & DISABLED) == 0 && sync_waiters == 0 && !pending ->
		word = (t & ~LOCK) | FAST
	:: else ->
		word = t & ~(LOCK | FAST)
	fi
}

inline line_lock() { mutex_lock(); lock_bit() }
inline line_unlock() { unlock_bit(); mutex_unlock() }

inline chip_call() {
	chip_busy++;
	assert(chip_busy == 1);
	chip_busy--
}

inline run_handlers() {
	running++;
	assert(running == 1);
	assert(!closed);
	running--
}

/* irqm_desc_wake_waiters_locked(): broadcast to those already waiting */
inline wake_waiters() {
	if
	:: sync_waiters > 0 && cond_waiting -> cond_signal = 1
	:: else -> skip
	fi
}

/* irqm_line_cond_wait_locked() */
inline cond_wait() {
	unlock_bit();
	atomic { mutex = 0; cond_waiting = 1 }
	atomic { cond_signal == 1 -> cond_signal = 0; cond_waiting = 0 }
	line_lock()
}

/* After the handlers, with the line lock: done, unmask unless disabled. */
inline finish_locked() {
	holder_clr(INPROG);
	wake_waiters();
	if
	:: (word & DISABLED) == 0 -> chip_call()
	:: else -> skip
	fi
}

proctype deliverer()
{
	byte n, t;
	bit ok;

	do
	:: n < NR_DELIVERIES ->
		n++;
		/* irqm_fast_flow(): claim, taking the lock for mask + ack */
		atomic {
#ifdef MUTANT
			if
			:: (word & (LOCK | INPROG)) == 0 ->
#else
			if
			:: (word & CLAIM_BITS) == FAST ->
#endif
				word = word | INPROG | LOCK; ok = 1
			:: else -> ok = 0
			fi
		}
		if
		:: ok ->
			chip_call();
			holder_clr(LOCK);
			run_handlers();
			atomic {
#ifdef MUTANT
				if
				:: (word & (LOCK | INPROG)) == INPROG ->
#else
				if
				:: (word & CLAIM_BITS) == (FAST | INPROG) ->
#endif
					word = word | LOCK; ok = 1
				:: else -> ok = 0
				fi
			}
			if
			:: ok ->
				if
				:: chip_call(); holder_clr(LOCK | INPROG)
				:: holder_clr(LOCK | FAST); ok = 0	/* note: slow */
				fi
			:: else -> skip
			fi;
			if
			:: !ok ->		/* finish_slow() */
				line_lock();
				finish_locked();
				line_unlock()
			:: else -> skip
			fi
		:: else ->
			/* handle_level_irq(), locked */
			line_lock();
			chip_call();		/* mask + ack */
			if
			:: (word & INPROG) -> skip	/* deferred */
			:: else ->
				if
				:: (word & DISABLED) -> pending = 1
				:: else ->
					holder_set(INPROG);
					line_unlock();
					run_handlers();
					line_lock();
					finish_locked()
				fi
			fi;
			line_unlock()
		fi
	:: else -> break
	od
}

/* wait_idle(): synchronize_irq() */
inline wait_idle() {
	line_lock();
	sync_waiters++;
	do
	:: (word & INPROG) -> cond_wait()
	:: else -> break
	od;
	sync_waiters--;
	line_unlock()
}

proctype controller()
{
	byte r, t;

	do
	:: r < NR_ROUNDS ->
		r++;
		wait_idle();
		/* disable_irq(): disable_nosync, then wait_idle */
		line_lock();
		holder_set(DISABLED);
		line_unlock();
		wait_idle();
		closed = 1;
		assert(running == 0);
		closed = 0;
		/* enable_irq(): a level line's pending interrupt is dropped */
		line_lock();
		holder_clr(DISABLED);
		pending = 0;
		chip_call();		/* unmask */
		line_unlock()
	:: else -> break
	od
}

init {
	atomic {
		run deliverer();
		run deliverer();
		run controller()
	}
}
