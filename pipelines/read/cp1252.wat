;; Windows-1252 → UTF-8 (cp1252.ts). Sixteen bytes at a time while they are ASCII, as nearly all of
;; an export is; byte by byte otherwise: 0xA0–0xFF are Latin-1 (two bytes in UTF-8), 0x80–0x9F come
;; from the table (WHATWG's index: –, €, ’, š, …). The caller gives the output 3 n + 16 bytes: at
;; most three per byte, and a last sixteen-byte store that may reach past what it keeps.
(module
  (memory (export "memory") 1)
  ;; 0 – 127: the UTF-8 of each byte 0x80–0x9F, four bytes: its length, then its bytes. The five
  ;; bytes Windows-1252 leaves undefined stand for themselves (C2 xx); checkCp1252 refuses them first.
  (data (i32.const 0)
    "\03\e2\82\ac\02\c2\81\00\03\e2\80\9a\02\c6\92\00\03\e2\80\9e\03\e2\80\a6\03\e2\80\a0\03\e2\80\a1"
    "\02\cb\86\00\03\e2\80\b0\02\c5\a0\00\03\e2\80\b9\02\c5\92\00\02\c2\8d\00\02\c5\bd\00\02\c2\8f\00"
    "\02\c2\90\00\03\e2\80\98\03\e2\80\99\03\e2\80\9c\03\e2\80\9d\03\e2\80\a2\03\e2\80\93\03\e2\80\94"
    "\02\cb\9c\00\03\e2\84\a2\02\c5\a1\00\03\e2\80\ba\02\c5\93\00\02\c2\9d\00\02\c5\be\00\02\c5\b8\00")

  ;; Transcodes bytes [$in, $in + $n) to $out; returns the length written.
  (func (export "transcode") (param $in i32) (param $n i32) (param $out i32) (result i32)
    (local $end i32) (local $o i32) (local $c i32) (local $v v128) (local $ascii i32) (local $e i32)
    (local.set $end (i32.add (local.get $in) (local.get $n)))
    (local.set $o (local.get $out))
    (block $done
      (loop $next
        (if (i32.le_u (i32.add (local.get $in) (i32.const 16)) (local.get $end))
          (then
            ;; Stored whole; kept as far as it is ASCII (the bytes after are written over).
            (local.set $v (v128.load (local.get $in)))
            (v128.store (local.get $o) (local.get $v))
            ;; Leading ASCII bytes: the sign bits' trailing zeros, 16 when there is none.
            (local.set $ascii (i32.ctz (i32.or (i8x16.bitmask (local.get $v)) (i32.const 0x10000))))
            (local.set $in (i32.add (local.get $in) (local.get $ascii)))
            (local.set $o (i32.add (local.get $o) (local.get $ascii)))
            (br_if $next (i32.eq (local.get $ascii) (i32.const 16)))))
        (br_if $done (i32.ge_u (local.get $in) (local.get $end)))
        (local.set $c (i32.load8_u (local.get $in)))
        (local.set $in (i32.add (local.get $in) (i32.const 1)))
        (if (i32.lt_u (local.get $c) (i32.const 0x80))
          (then
            (i32.store8 (local.get $o) (local.get $c))
            (local.set $o (i32.add (local.get $o) (i32.const 1)))
            (br $next)))
        (if (i32.ge_u (local.get $c) (i32.const 0xa0))
          (then
            (i32.store8 (local.get $o) (i32.or (i32.const 0xc0) (i32.shr_u (local.get $c) (i32.const 6))))
            (i32.store8 offset=1 (local.get $o) (i32.or (i32.const 0x80) (i32.and (local.get $c) (i32.const 0x3f))))
            (local.set $o (i32.add (local.get $o) (i32.const 2)))
            (br $next)))
        (local.set $e (i32.shl (i32.sub (local.get $c) (i32.const 0x80)) (i32.const 2)))
        (i32.store8 (local.get $o) (i32.load8_u offset=1 (local.get $e)))
        (i32.store8 offset=1 (local.get $o) (i32.load8_u offset=2 (local.get $e)))
        (i32.store8 offset=2 (local.get $o) (i32.load8_u offset=3 (local.get $e)))
        (local.set $o (i32.add (local.get $o) (i32.load8_u (local.get $e))))
        (br $next)))
    (i32.sub (local.get $o) (local.get $out)))
)
