;; HMAC-SHA-256 of four short messages at once (RFC 2104, FIPS 180-4), in WebAssembly SIMD: each
;; i32x4 holds one 32-bit word of four messages, so one pass of the compression function hashes
;; four blocks. The key's inner and outer blocks are compressed once (by the caller, through
;; `compress`), so each message costs two compressions instead of node:crypto's four, and a batch of
;; messages one call instead of two per message.
;;
;; Memory (bytes):
;;     0 –  255  K, the 64 round constants
;;   256 –  287  state after the key's inner block (key XOR 0x36…), eight words
;;   288 –  319  state after the key's outer block (key XOR 0x5c…)
;;   512 – 1535  W, the message schedule: 64 × i32x4 (word t of the four messages at 512 + 16 t)
;;  1536 – 1663  the running state, 8 × i32x4 (a … h)
;;  4096 –       the caller's input and output areas
(module
  (memory (export "memory") 8)
  (data (i32.const 0)
    "\98\2f\8a\42\91\44\37\71\cf\fb\c0\b5\a5\db\b5\e9\5b\c2\56\39\f1\11\f1\59\a4\82\3f\92\d5\5e\1c\ab"
    "\98\aa\07\d8\01\5b\83\12\be\85\31\24\c3\7d\0c\55\74\5d\be\72\fe\b1\de\80\a7\06\dc\9b\74\f1\9b\c1"
    "\c1\69\9b\e4\86\47\be\ef\c6\9d\c1\0f\cc\a1\0c\24\6f\2c\e9\2d\aa\84\74\4a\dc\a9\b0\5c\da\88\f9\76"
    "\52\51\3e\98\6d\c6\31\a8\c8\27\03\b0\c7\7f\59\bf\f3\0b\e0\c6\47\91\a7\d5\51\63\ca\06\67\29\29\14"
    "\85\0a\b7\27\38\21\1b\2e\fc\6d\2c\4d\13\0d\38\53\54\73\0a\65\bb\0a\6a\76\2e\c9\c2\81\85\2c\72\92"
    "\a1\e8\bf\a2\4b\66\1a\a8\70\8b\4b\c2\a3\51\6c\c7\19\e8\92\d1\24\06\99\d6\85\35\0e\f4\70\a0\6a\10"
    "\16\c1\a4\19\08\6c\37\1e\4c\77\48\27\b5\bc\b0\34\b3\0c\1c\39\4a\aa\d8\4e\4f\ca\9c\5b\f3\6f\2e\68"
    "\ee\82\8f\74\6f\63\a5\78\14\78\c8\84\08\02\c7\8c\fa\ff\be\90\eb\6c\50\a4\f7\a3\f9\be\f2\78\71\c6")

  ;; One block of four messages: expands W[0..15] (at 512) to W[0..63], runs the 64 rounds on the
  ;; state at 1536 and adds the result to it.
  (func $compress (export "compress")
    (local $a v128) (local $b v128) (local $c v128) (local $d v128)
    (local $e v128) (local $f v128) (local $g v128) (local $h v128)
    (local $x v128) (local $y v128) (local $t1 v128) (local $q i32)
    ;; W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16], with $q at W[t-16].
    (local.set $q (i32.const 512))
    (loop $schedule
      (local.set $x (v128.load offset=16 (local.get $q)))
      (local.set $y (v128.load offset=224 (local.get $q)))
      (v128.store offset=256 (local.get $q)
        (i32x4.add
          (i32x4.add
            ;; σ1(y) = (y ⋙ 17) ⊕ (y ⋙ 19) ⊕ (y ≫ 10)
            (v128.xor
              (v128.xor
                (v128.or (i32x4.shr_u (local.get $y) (i32.const 17)) (i32x4.shl (local.get $y) (i32.const 15)))
                (v128.or (i32x4.shr_u (local.get $y) (i32.const 19)) (i32x4.shl (local.get $y) (i32.const 13))))
              (i32x4.shr_u (local.get $y) (i32.const 10)))
            (v128.load offset=144 (local.get $q)))
          (i32x4.add
            ;; σ0(x) = (x ⋙ 7) ⊕ (x ⋙ 18) ⊕ (x ≫ 3)
            (v128.xor
              (v128.xor
                (v128.or (i32x4.shr_u (local.get $x) (i32.const 7)) (i32x4.shl (local.get $x) (i32.const 25)))
                (v128.or (i32x4.shr_u (local.get $x) (i32.const 18)) (i32x4.shl (local.get $x) (i32.const 14))))
              (i32x4.shr_u (local.get $x) (i32.const 3)))
            (v128.load (local.get $q)))))
      (local.set $q (i32.add (local.get $q) (i32.const 16)))
      (br_if $schedule (i32.lt_u (local.get $q) (i32.const 1280))))

    (local.set $a (v128.load offset=1536 (i32.const 0)))
    (local.set $b (v128.load offset=1552 (i32.const 0)))
    (local.set $c (v128.load offset=1568 (i32.const 0)))
    (local.set $d (v128.load offset=1584 (i32.const 0)))
    (local.set $e (v128.load offset=1600 (i32.const 0)))
    (local.set $f (v128.load offset=1616 (i32.const 0)))
    (local.set $g (v128.load offset=1632 (i32.const 0)))
    (local.set $h (v128.load offset=1648 (i32.const 0)))
    ;; Round t, with $q counting t (K[t] at 4 t, W[t] at 512 + 16 t).
    (local.set $q (i32.const 0))
    (loop $round
      ;; T1 = h + Σ1(e) + Ch(e, f, g) + K[t] + W[t]
      (local.set $t1
        (i32x4.add
          (i32x4.add
            (local.get $h)
            ;; Σ1(e) = (e ⋙ 6) ⊕ (e ⋙ 11) ⊕ (e ⋙ 25)
            (v128.xor
              (v128.xor
                (v128.or (i32x4.shr_u (local.get $e) (i32.const 6)) (i32x4.shl (local.get $e) (i32.const 26)))
                (v128.or (i32x4.shr_u (local.get $e) (i32.const 11)) (i32x4.shl (local.get $e) (i32.const 21))))
              (v128.or (i32x4.shr_u (local.get $e) (i32.const 25)) (i32x4.shl (local.get $e) (i32.const 7)))))
          (i32x4.add
            ;; Ch(e, f, g): f where e has a 1, g where it has a 0
            (v128.bitselect (local.get $f) (local.get $g) (local.get $e))
            (i32x4.add
              (v128.load32_splat (i32.shl (local.get $q) (i32.const 2)))
              (v128.load offset=512 (i32.shl (local.get $q) (i32.const 4)))))))
      (local.set $h (local.get $g))
      (local.set $g (local.get $f))
      (local.set $f (local.get $e))
      (local.set $e (i32x4.add (local.get $d) (local.get $t1)))
      (local.set $d (local.get $c))
      ;; a' = T1 + Σ0(a) + Maj(a, b, c)
      (local.set $x
        (i32x4.add
          (local.get $t1)
          (i32x4.add
            ;; Σ0(a) = (a ⋙ 2) ⊕ (a ⋙ 13) ⊕ (a ⋙ 22)
            (v128.xor
              (v128.xor
                (v128.or (i32x4.shr_u (local.get $a) (i32.const 2)) (i32x4.shl (local.get $a) (i32.const 30)))
                (v128.or (i32x4.shr_u (local.get $a) (i32.const 13)) (i32x4.shl (local.get $a) (i32.const 19))))
              (v128.or (i32x4.shr_u (local.get $a) (i32.const 22)) (i32x4.shl (local.get $a) (i32.const 10))))
            ;; Maj(a, b, c): c where a and b differ, else b
            (v128.bitselect (local.get $c) (local.get $b) (v128.xor (local.get $a) (local.get $b))))))
      (local.set $c (local.get $b))
      (local.set $b (local.get $a))
      (local.set $a (local.get $x))
      (local.set $q (i32.add (local.get $q) (i32.const 1)))
      (br_if $round (i32.lt_u (local.get $q) (i32.const 64))))

    (v128.store offset=1536 (i32.const 0) (i32x4.add (local.get $a) (v128.load offset=1536 (i32.const 0))))
    (v128.store offset=1552 (i32.const 0) (i32x4.add (local.get $b) (v128.load offset=1552 (i32.const 0))))
    (v128.store offset=1568 (i32.const 0) (i32x4.add (local.get $c) (v128.load offset=1568 (i32.const 0))))
    (v128.store offset=1584 (i32.const 0) (i32x4.add (local.get $d) (v128.load offset=1584 (i32.const 0))))
    (v128.store offset=1600 (i32.const 0) (i32x4.add (local.get $e) (v128.load offset=1600 (i32.const 0))))
    (v128.store offset=1616 (i32.const 0) (i32x4.add (local.get $f) (v128.load offset=1616 (i32.const 0))))
    (v128.store offset=1632 (i32.const 0) (i32x4.add (local.get $g) (v128.load offset=1632 (i32.const 0))))
    (v128.store offset=1648 (i32.const 0) (i32x4.add (local.get $h) (v128.load offset=1648 (i32.const 0)))))

  ;; The running state := the saved state at $from (eight words), in all four lanes.
  (func $start (param $from i32)
    (local $i i32)
    (loop $word
      (v128.store offset=1536
        (i32.shl (local.get $i) (i32.const 4))
        (v128.load32_splat (i32.add (local.get $from) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $word (i32.lt_u (local.get $i) (i32.const 8)))))

  ;; HMAC of $groups groups of four messages. Input: per group, the inner block's 16 words in the
  ;; layout of W (256 bytes: the message, padded as for a 64 + length byte message); output: per
  ;; group the eight digest words, word t of the four messages at 16 t (128 bytes).
  (func (export "hmac") (param $groups i32) (param $in i32) (param $out i32)
    (block $done
      (loop $group
        (br_if $done (i32.eqz (local.get $groups)))
        (call $start (i32.const 256))
        (memory.copy (i32.const 512) (local.get $in) (i32.const 256))
        (call $compress)
        ;; The outer block: the inner digest, then padding for a 64 + 32 byte message (768 bits).
        (memory.copy (i32.const 512) (i32.const 1536) (i32.const 128))
        (v128.store (i32.const 640) (i32x4.splat (i32.const 0x80000000)))
        (memory.fill (i32.const 656) (i32.const 0) (i32.const 96))
        (v128.store (i32.const 752) (i32x4.splat (i32.const 768)))
        (call $start (i32.const 288))
        (call $compress)
        (memory.copy (local.get $out) (i32.const 1536) (i32.const 128))
        (local.set $in (i32.add (local.get $in) (i32.const 256)))
        (local.set $out (i32.add (local.get $out) (i32.const 128)))
        (local.set $groups (i32.sub (local.get $groups) (i32.const 1)))
        (br $group))))
)
