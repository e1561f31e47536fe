; noexit.asm: a _start that never calls exit (docs/tour.md, "_start without
; exit"). It writes one line, then runs on past its last instruction into
; whatever follows in memory: the zero bytes that pad the code page
; (`add [rax], al`, with rax holding write's result, 22: not an address),
; or the end of the mapping. Either way the CPU faults, the kernel sends
; SIGSEGV, and the shell reports status 128 + 11 = 139. Returning is no
; way out either: there is no caller, [rsp] holds argc.

bits 64
default rel

section .rodata
message: db "about to fall off _start", 10
message_len equ $ - message

section .text
global _start
_start:
    mov     eax, 1                  ; write
    mov     edi, 1                  ; to stdout
    lea     rsi, [message]
    mov     edx, message_len
    syscall
    ; no exit: the next bytes are not ours

section .note.GNU-stack noalloc noexec nowrite progbits
