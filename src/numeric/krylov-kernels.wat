;; Streaming kernels of the real Arnoldi process (numeric/propagate.ts) on f64x2 SIMD lanes.
;;
;; Why WebAssembly: Gram–Schmidt against a Krylov basis of m vectors of N doubles streams m·N
;; doubles per Arnoldi step, O(m²·N) per basis; it is most of the cost of eq. 4 once m is in the
;; hundreds. In JavaScript the fused sweep below ran at ≈ 0.4–0.6·10⁹ entries/s (scalar code, bounds
;; checks); on two f64x2 lanes it runs at ≈ 1.0–1.2·10⁹ entries/s, close to the machine's streaming
;; bandwidth (≈ 13 GB/s, 8 bytes per entry of the basis vector being read).
;;
;; Conventions: pointers are byte offsets into the imported memory, 8-byte aligned (the vectors the
;; propagator lays out are 32-byte aligned); n counts doubles. Every reduction keeps four partial
;; sums, lane l of accumulator a summing the entries k ≡ 2a + l (mod 4), combined as
;; (s₀ + s₁) + (s₂ + s₃); the n mod 4 tail entries go to s₀. WebAssembly forbids fusing a multiply
;; and an add, so every result is the same IEEE double on every machine (reports stay reproducible).
(module
  (import "env" "memory" (memory 1))

  ;; Horizontal sum (s₀ + s₁) + (s₂ + s₃) of the four partial sums held in two f64x2 accumulators
  ;; a = (s₀, s₁), b = (s₂, s₃).
  (func $hsum (param $a v128) (param $b v128) (result f64)
    (f64.add
      (f64.add (f64x2.extract_lane 0 (local.get $a)) (f64x2.extract_lane 1 (local.get $a)))
      (f64.add (f64x2.extract_lane 0 (local.get $b)) (f64x2.extract_lane 1 (local.get $b)))))

  ;; One fused modified Gram–Schmidt update: w ← w − c·vᵢ, returning ⟨v_{i+1}, w⟩ on the updated
  ;; entries (the next coefficient), so a pass over the basis reads each vector once.
  (func (export "mgsFused") (param $w i32) (param $vi i32) (param $vn i32) (param $n i32) (param $c f64) (result f64)
    (local $end i32) (local $cc v128) (local $a v128) (local $b v128) (local $s0 v128) (local $s1 v128)
    (local $x f64) (local $t f64)
    (local.set $cc (f64x2.splat (local.get $c)))
    (local.set $end (i32.add (local.get $w) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 3))))
    (block $done
      (loop $top
        (br_if $done (i32.ge_u (local.get $w) (local.get $end)))
        (local.set $a (f64x2.sub (v128.load (local.get $w)) (f64x2.mul (local.get $cc) (v128.load (local.get $vi)))))
        (local.set $b (f64x2.sub (v128.load offset=16 (local.get $w)) (f64x2.mul (local.get $cc) (v128.load offset=16 (local.get $vi)))))
        (v128.store (local.get $w) (local.get $a))
        (v128.store offset=16 (local.get $w) (local.get $b))
        (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (v128.load (local.get $vn)) (local.get $a))))
        (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (v128.load offset=16 (local.get $vn)) (local.get $b))))
        (local.set $w (i32.add (local.get $w) (i32.const 32)))
        (local.set $vi (i32.add (local.get $vi) (i32.const 32)))
        (local.set $vn (i32.add (local.get $vn) (i32.const 32)))
        (br $top)))
    (local.set $end (i32.add (local.get $w) (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 3))))
    (block $tdone
      (loop $tail
        (br_if $tdone (i32.ge_u (local.get $w) (local.get $end)))
        (local.set $x (f64.sub (f64.load (local.get $w)) (f64.mul (local.get $c) (f64.load (local.get $vi)))))
        (f64.store (local.get $w) (local.get $x))
        (local.set $t (f64.add (local.get $t) (f64.mul (f64.load (local.get $vn)) (local.get $x))))
        (local.set $w (i32.add (local.get $w) (i32.const 8)))
        (local.set $vi (i32.add (local.get $vi) (i32.const 8)))
        (local.set $vn (i32.add (local.get $vn) (i32.const 8)))
        (br $tail)))
    (local.set $s0 (f64x2.replace_lane 0 (local.get $s0) (f64.add (f64x2.extract_lane 0 (local.get $s0)) (local.get $t))))
    (call $hsum (local.get $s0) (local.get $s1)))

  ;; The last update of a pass: w ← w − c·v, returning ‖w‖² afterwards.
  (func (export "axpyNorm2") (param $w i32) (param $v i32) (param $n i32) (param $c f64) (result f64)
    (local $end i32) (local $cc v128) (local $a v128) (local $b v128) (local $s0 v128) (local $s1 v128)
    (local $x f64) (local $t f64)
    (local.set $cc (f64x2.splat (local.get $c)))
    (local.set $end (i32.add (local.get $w) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 3))))
    (block $done
      (loop $top
        (br_if $done (i32.ge_u (local.get $w) (local.get $end)))
        (local.set $a (f64x2.sub (v128.load (local.get $w)) (f64x2.mul (local.get $cc) (v128.load (local.get $v)))))
        (local.set $b (f64x2.sub (v128.load offset=16 (local.get $w)) (f64x2.mul (local.get $cc) (v128.load offset=16 (local.get $v)))))
        (v128.store (local.get $w) (local.get $a))
        (v128.store offset=16 (local.get $w) (local.get $b))
        (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $a) (local.get $a))))
        (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $b) (local.get $b))))
        (local.set $w (i32.add (local.get $w) (i32.const 32)))
        (local.set $v (i32.add (local.get $v) (i32.const 32)))
        (br $top)))
    (local.set $end (i32.add (local.get $w) (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 3))))
    (block $tdone
      (loop $tail
        (br_if $tdone (i32.ge_u (local.get $w) (local.get $end)))
        (local.set $x (f64.sub (f64.load (local.get $w)) (f64.mul (local.get $c) (f64.load (local.get $v)))))
        (f64.store (local.get $w) (local.get $x))
        (local.set $t (f64.add (local.get $t) (f64.mul (local.get $x) (local.get $x))))
        (local.set $w (i32.add (local.get $w) (i32.const 8)))
        (local.set $v (i32.add (local.get $v) (i32.const 8)))
        (br $tail)))
    (local.set $s0 (f64x2.replace_lane 0 (local.get $s0) (f64.add (f64x2.extract_lane 0 (local.get $s0)) (local.get $t))))
    (call $hsum (local.get $s0) (local.get $s1)))

  ;; ⟨a, b⟩ = Σ a_k b_k.
  (func (export "dot") (param $a i32) (param $b i32) (param $n i32) (result f64)
    (local $end i32) (local $s0 v128) (local $s1 v128) (local $t f64)
    (local.set $end (i32.add (local.get $a) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 3))))
    (block $done
      (loop $top
        (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (v128.load (local.get $a)) (v128.load (local.get $b)))))
        (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 32)))
        (local.set $b (i32.add (local.get $b) (i32.const 32)))
        (br $top)))
    (local.set $end (i32.add (local.get $a) (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 3))))
    (block $tdone
      (loop $tail
        (br_if $tdone (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $t (f64.add (local.get $t) (f64.mul (f64.load (local.get $a)) (f64.load (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 8)))
        (local.set $b (i32.add (local.get $b) (i32.const 8)))
        (br $tail)))
    (local.set $s0 (f64x2.replace_lane 0 (local.get $s0) (f64.add (f64x2.extract_lane 0 (local.get $s0)) (local.get $t))))
    (call $hsum (local.get $s0) (local.get $s1)))

  ;; out ← s·x (normalising the next Krylov vector).
  (func (export "scaleInto") (param $out i32) (param $x i32) (param $n i32) (param $s f64)
    (local $end i32) (local $ss v128)
    (local.set $ss (f64x2.splat (local.get $s)))
    (local.set $end (i32.add (local.get $out) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $top
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (v128.store (local.get $out) (f64x2.mul (local.get $ss) (v128.load (local.get $x))))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (br $top)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then (f64.store (local.get $out) (f64.mul (local.get $s) (f64.load (local.get $x)))))))

  ;; out ← out + (c₀v₀ + c₁v₁) + (c₂v₂ + c₃v₃): four basis vectors per sweep of the output (dense
  ;; output y(t) = β·V·c), so each output entry is loaded and stored once per four vectors.
  (func (export "axpy4") (param $out i32) (param $v0 i32) (param $v1 i32) (param $v2 i32) (param $v3 i32) (param $n i32)
        (param $c0 f64) (param $c1 f64) (param $c2 f64) (param $c3 f64)
    (local $end i32) (local $k0 v128) (local $k1 v128) (local $k2 v128) (local $k3 v128)
    (local.set $k0 (f64x2.splat (local.get $c0)))
    (local.set $k1 (f64x2.splat (local.get $c1)))
    (local.set $k2 (f64x2.splat (local.get $c2)))
    (local.set $k3 (f64x2.splat (local.get $c3)))
    (local.set $end (i32.add (local.get $out) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $top
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (v128.store (local.get $out)
          (f64x2.add (v128.load (local.get $out))
            (f64x2.add
              (f64x2.add (f64x2.mul (local.get $k0) (v128.load (local.get $v0))) (f64x2.mul (local.get $k1) (v128.load (local.get $v1))))
              (f64x2.add (f64x2.mul (local.get $k2) (v128.load (local.get $v2))) (f64x2.mul (local.get $k3) (v128.load (local.get $v3)))))))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (local.set $v0 (i32.add (local.get $v0) (i32.const 16)))
        (local.set $v1 (i32.add (local.get $v1) (i32.const 16)))
        (local.set $v2 (i32.add (local.get $v2) (i32.const 16)))
        (local.set $v3 (i32.add (local.get $v3) (i32.const 16)))
        (br $top)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (f64.store (local.get $out)
          (f64.add (f64.load (local.get $out))
            (f64.add
              (f64.add (f64.mul (local.get $c0) (f64.load (local.get $v0))) (f64.mul (local.get $c1) (f64.load (local.get $v1))))
              (f64.add (f64.mul (local.get $c2) (f64.load (local.get $v2))) (f64.mul (local.get $c3) (f64.load (local.get $v3))))))))))

  ;; out ← out + c·v (the remaining vectors of a combination).
  (func (export "axpy1") (param $out i32) (param $v i32) (param $n i32) (param $c f64)
    (local $end i32) (local $cc v128)
    (local.set $cc (f64x2.splat (local.get $c)))
    (local.set $end (i32.add (local.get $out) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $top
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (v128.store (local.get $out) (f64x2.add (v128.load (local.get $out)) (f64x2.mul (local.get $cc) (v128.load (local.get $v)))))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (local.set $v (i32.add (local.get $v) (i32.const 16)))
        (br $top)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then (f64.store (local.get $out) (f64.add (f64.load (local.get $out)) (f64.mul (local.get $c) (f64.load (local.get $v))))))))
;; One step of a polynomial in the class sum 𝒯 = Σ_e Ad U_e of the SWAP coupling on real Hermitian
;; coordinates (simulate/slow-manifold.ts): out[p] = f·z[p] − c·x[p] + Σ_e ±x[q(p, e)]. The table
;; holds, position-major, the gather index q of position p under edge e at word p·edges + e, stored
;; as ~q when the coordinate changes sign (an imaginary part whose row and column swap). Branch-free:
;; m = q >> 31 is 0 or −1, so q ^ m is the index and m | 1 the sign. Scalar on purpose: the 8-byte
;; gathers do not pair into lanes, and this loop runs ≈ 3× faster than the same loop in JavaScript
;; (no bounds checks, no tagged sign arithmetic), measured 3.2 ms against 9.1 ms at n = 8.
  (func (export "classSumStep") (param $out i32) (param $x i32) (param $z i32) (param $table i32) (param $n i32)
        (param $edges i32) (param $c f64) (param $f f64)
    (local $p i32) (local $t i32) (local $tend i32) (local $q i32) (local $m i32) (local $acc f64)
    (local.set $t (local.get $table))
    (block $done
      (loop $top
        (br_if $done (i32.ge_u (local.get $p) (local.get $n)))
        (local.set $acc
          (f64.sub
            (f64.mul (local.get $f) (f64.load (i32.add (local.get $z) (i32.shl (local.get $p) (i32.const 3)))))
            (f64.mul (local.get $c) (f64.load (i32.add (local.get $x) (i32.shl (local.get $p) (i32.const 3)))))))
        (local.set $tend (i32.add (local.get $t) (i32.shl (local.get $edges) (i32.const 2))))
        (block $edgesDone
          (loop $edge
            (br_if $edgesDone (i32.ge_u (local.get $t) (local.get $tend)))
            (local.set $q (i32.load (local.get $t)))
            (local.set $m (i32.shr_s (local.get $q) (i32.const 31)))
            (local.set $acc
              (f64.add (local.get $acc)
                (f64.mul
                  (f64.convert_i32_s (i32.or (local.get $m) (i32.const 1)))
                  (f64.load (i32.add (local.get $x) (i32.shl (i32.xor (local.get $q) (local.get $m)) (i32.const 3)))))))
            (local.set $t (i32.add (local.get $t) (i32.const 4)))
            (br $edge)))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $p) (i32.const 3))) (local.get $acc))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $top))))

  ;; Complex matrix product out = A·B on interleaved row-major matrices (A n×p, B p×m, out n×m, each
  ;; entry (re, im) in one f64x2 lane pair): the operations of cmatrix.ts `mulInto`, in its order, so the
  ;; result is the same doubles. Row i of out accumulates, over k in blocks of four (while no entry of
  ;; the block is zero), then pairs, then one, O ← (((O + t₀) + t₁) + t₂) + t₃ with
  ;; t_q = a_q·b_q = (a_qʳ·bʳ − a_qⁱ·bⁱ, a_qʳ·bⁱ + a_qⁱ·bʳ), formed here as (a_qʳ·b) + ((−a_qⁱ, a_qⁱ)·swap(b)):
  ;; x − y is x + (−y) in IEEE arithmetic and (−a)·b = −(a·b), so every lane is the scalar loop's double.
    (func (export "zmul") (param $o i32) (param $a i32) (param $b i32) (param $n i32) (param $p i32) (param $m i32)
      (local $i i32) (local $k i32) (local $j i32) (local $orow i32) (local $arow i32) (local $ob i32) (local $oend i32)
      (local $mb i32) (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32) (local $q i32)
      (local $x0 f64) (local $y0 f64) (local $x1 f64) (local $y1 f64) (local $x2 f64) (local $y2 f64) (local $x3 f64) (local $y3 f64)
      (local $r0 v128) (local $s0 v128) (local $r1 v128) (local $s1 v128) (local $r2 v128) (local $s2 v128) (local $r3 v128) (local $s3 v128)
      (local $z0 i32) (local $z1 i32)
      (local.set $mb (i32.shl (local.get $m) (i32.const 4)))
      (block $rowsDone
        (loop $rows
          (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $n)))
          (local.set $orow (i32.add (local.get $o) (i32.mul (local.get $i) (local.get $mb))))
          (local.set $arow (i32.add (local.get $a) (i32.shl (i32.mul (local.get $i) (local.get $p)) (i32.const 4))))
          (local.set $oend (i32.add (local.get $orow) (local.get $mb)))
          (memory.fill (local.get $orow) (i32.const 0) (local.get $mb))
          (local.set $k (i32.const 0))
          ;; Blocks of four rows of B while no entry of A's block is zero.
          (block $quadsDone
            (loop $quads
              (br_if $quadsDone (i32.ge_s (i32.add (local.get $k) (i32.const 3)) (local.get $p)))
              (local.set $q (i32.add (local.get $arow) (i32.shl (local.get $k) (i32.const 4))))
              (local.set $x0 (f64.load (local.get $q)))
              (local.set $y0 (f64.load offset=8 (local.get $q)))
              (local.set $x1 (f64.load offset=16 (local.get $q)))
              (local.set $y1 (f64.load offset=24 (local.get $q)))
              (local.set $x2 (f64.load offset=32 (local.get $q)))
              (local.set $y2 (f64.load offset=40 (local.get $q)))
              (local.set $x3 (f64.load offset=48 (local.get $q)))
              (local.set $y3 (f64.load offset=56 (local.get $q)))
              (br_if $quadsDone (i32.or
                (i32.or (i32.and (f64.eq (local.get $x0) (f64.const 0)) (f64.eq (local.get $y0) (f64.const 0)))
                        (i32.and (f64.eq (local.get $x1) (f64.const 0)) (f64.eq (local.get $y1) (f64.const 0))))
                (i32.or (i32.and (f64.eq (local.get $x2) (f64.const 0)) (f64.eq (local.get $y2) (f64.const 0)))
                        (i32.and (f64.eq (local.get $x3) (f64.const 0)) (f64.eq (local.get $y3) (f64.const 0))))))
              (local.set $r0 (f64x2.splat (local.get $x0)))
              (local.set $s0 (f64x2.replace_lane 0 (f64x2.splat (local.get $y0)) (f64.neg (local.get $y0))))
              (local.set $r1 (f64x2.splat (local.get $x1)))
              (local.set $s1 (f64x2.replace_lane 0 (f64x2.splat (local.get $y1)) (f64.neg (local.get $y1))))
              (local.set $r2 (f64x2.splat (local.get $x2)))
              (local.set $s2 (f64x2.replace_lane 0 (f64x2.splat (local.get $y2)) (f64.neg (local.get $y2))))
              (local.set $r3 (f64x2.splat (local.get $x3)))
              (local.set $s3 (f64x2.replace_lane 0 (f64x2.splat (local.get $y3)) (f64.neg (local.get $y3))))
              (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $k) (local.get $mb))))
              (local.set $b1 (i32.add (local.get $b0) (local.get $mb)))
              (local.set $b2 (i32.add (local.get $b1) (local.get $mb)))
              (local.set $b3 (i32.add (local.get $b2) (local.get $mb)))
              (local.set $ob (local.get $orow))
              (block $jDone
                (loop $js
                  (br_if $jDone (i32.ge_u (local.get $ob) (local.get $oend)))
                  (v128.store (local.get $ob)
                    (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.load (local.get $ob))
                      (f64x2.add (f64x2.mul (local.get $r0) (v128.load (local.get $b0))) (f64x2.mul (local.get $s0) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (v128.load (local.get $b0)) (v128.load (local.get $b0)))))) (f64x2.add (f64x2.mul (local.get $r1) (v128.load (local.get $b1))) (f64x2.mul (local.get $s1) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (v128.load (local.get $b1)) (v128.load (local.get $b1)))))) (f64x2.add (f64x2.mul (local.get $r2) (v128.load (local.get $b2))) (f64x2.mul (local.get $s2) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (v128.load (local.get $b2)) (v128.load (local.get $b2)))))) (f64x2.add (f64x2.mul (local.get $r3) (v128.load (local.get $b3))) (f64x2.mul (local.get $s3) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (v128.load (local.get $b3)) (v128.load (local.get $b3)))))))
                  (local.set $ob (i32.add (local.get $ob) (i32.const 16)))
                  (local.set $b0 (i32.add (local.get $b0) (i32.const 16)))
                  (local.set $b1 (i32.add (local.get $b1) (i32.const 16)))
                  (local.set $b2 (i32.add (local.get $b2) (i32.const 16)))
                  (local.set $b3 (i32.add (local.get $b3) (i32.const 16)))
                  (br $js)))
              (local.set $k (i32.add (local.get $k) (i32.const 4)))
              (br $quads)))
          ;; Pairs, skipping zero entries of A.
          (block $pairsDone
            (loop $pairs
              (br_if $pairsDone (i32.ge_s (i32.add (local.get $k) (i32.const 1)) (local.get $p)))
              (local.set $q (i32.add (local.get $arow) (i32.shl (local.get $k) (i32.const 4))))
              (local.set $x0 (f64.load (local.get $q)))
              (local.set $y0 (f64.load offset=8 (local.get $q)))
              (local.set $x1 (f64.load offset=16 (local.get $q)))
              (local.set $y1 (f64.load offset=24 (local.get $q)))
              (local.set $z0 (i32.and (f64.eq (local.get $x0) (f64.const 0)) (f64.eq (local.get $y0) (f64.const 0))))
              (local.set $z1 (i32.and (f64.eq (local.get $x1) (f64.const 0)) (f64.eq (local.get $y1) (f64.const 0))))
              (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $k) (local.get $mb))))
              (local.set $k (i32.add (local.get $k) (i32.const 2)))
              (br_if $pairs (i32.and (local.get $z0) (local.get $z1)))
              (if (i32.or (local.get $z0) (local.get $z1))
                (then
                  (if (local.get $z0)
                    (then
                      (local.set $x0 (local.get $x1))
                      (local.set $y0 (local.get $y1))
                      (local.set $b0 (i32.add (local.get $b0) (local.get $mb)))))
                  (local.set $r0 (f64x2.splat (local.get $x0)))
                  (local.set $s0 (f64x2.replace_lane 0 (f64x2.splat (local.get $y0)) (f64.neg (local.get $y0))))
                  (local.set $ob (local.get $orow))
                  (block $j1Done
                    (loop $j1
                      (br_if $j1Done (i32.ge_u (local.get $ob) (local.get $oend)))
                      (v128.store (local.get $ob) (f64x2.add (v128.load (local.get $ob)) (f64x2.add (f64x2.mul (local.get $r0) (v128.load (local.get $b0))) (f64x2.mul (local.get $s0) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (v128.load (local.get $b0)) (v128.load (local.get $b0)))))))
                      (local.set $ob (i32.add (local.get $ob) (i32.const 16)))
                      (local.set $b0 (i32.add (local.get $b0) (i32.const 16)))
                      (br $j1)))
                  (br $pairs)))
              (local.set $r0 (f64x2.splat (local.get $x0)))
              (local.set $s0 (f64x2.replace_lane 0 (f64x2.splat (local.get $y0)) (f64.neg (local.get $y0))))
              (local.set $r1 (f64x2.splat (local.get $x1)))
              (local.set $s1 (f64x2.replace_lane 0 (f64x2.splat (local.get $y1)) (f64.neg (local.get $y1))))
              (local.set $b1 (i32.add (local.get $b0) (local.get $mb)))
              (local.set $ob (local.get $orow))
              (block $j2Done
                (loop $j2
                  (br_if $j2Done (i32.ge_u (local.get $ob) (local.get $oend)))
                  (v128.store (local.get $ob) (f64x2.add (f64x2.add (v128.load (local.get $ob)) (f64x2.add (f64x2.mul (local.get $r0) (v128.load (local.get $b0))) (f64x2.mul (local.get $s0) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (v128.load (local.get $b0)) (v128.load (local.get $b0)))))) (f64x2.add (f64x2.mul (local.get $r1) (v128.load (local.get $b1))) (f64x2.mul (local.get $s1) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (v128.load (local.get $b1)) (v128.load (local.get $b1)))))))
                  (local.set $ob (i32.add (local.get $ob) (i32.const 16)))
                  (local.set $b0 (i32.add (local.get $b0) (i32.const 16)))
                  (local.set $b1 (i32.add (local.get $b1) (i32.const 16)))
                  (br $j2)))
              (br $pairs)))
          ;; The last row of B when p is odd past the pairs.
          (if (i32.lt_s (local.get $k) (local.get $p))
            (then
              (local.set $q (i32.add (local.get $arow) (i32.shl (local.get $k) (i32.const 4))))
              (local.set $x0 (f64.load (local.get $q)))
              (local.set $y0 (f64.load offset=8 (local.get $q)))
              (if (i32.eqz (i32.and (f64.eq (local.get $x0) (f64.const 0)) (f64.eq (local.get $y0) (f64.const 0))))
                (then
                  (local.set $r0 (f64x2.splat (local.get $x0)))
                  (local.set $s0 (f64x2.replace_lane 0 (f64x2.splat (local.get $y0)) (f64.neg (local.get $y0))))
                  (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $k) (local.get $mb))))
                  (local.set $ob (local.get $orow))
                  (block $j3Done
                    (loop $j3
                      (br_if $j3Done (i32.ge_u (local.get $ob) (local.get $oend)))
                      (v128.store (local.get $ob) (f64x2.add (v128.load (local.get $ob)) (f64x2.add (f64x2.mul (local.get $r0) (v128.load (local.get $b0))) (f64x2.mul (local.get $s0) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (v128.load (local.get $b0)) (v128.load (local.get $b0)))))))
                      (local.set $ob (i32.add (local.get $ob) (i32.const 16)))
                      (local.set $b0 (i32.add (local.get $b0) (i32.const 16)))
                      (br $j3)))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $rows))))
)
