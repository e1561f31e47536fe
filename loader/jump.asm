; ring3_jump(entry, sp, params): the hand-over point. The last code of
; ring3-load's own image that runs: it jumps to the trampoline
; (trampoline.asm), copied into a page of its own, which unmaps this image,
; sets the process identity, resets the CPU state the way execve leaves a
; new program and jumps to `entry` with rsp = `sp`.
;
;   rdi = the entry point (the interpreter's for a dynamically linked
;         program), rsi = the initial stack pointer (argc at [rsi],
;         16-byte aligned: System V x86_64 ABI, 3.4.1),
;   rdx = the trampoline's parameter block (struct TrampolineParams in
;         loader/main.cpp); its field at 176 is the trampoline's address.
;
; A debugger stops here to learn what runs next (tools/gdb/ring3.py reads
; rdi and rsi): keep the name and the registers.

bits 64
default rel

P_CODE equ 176

section .text

global ring3_jump:function hidden
ring3_jump:
    mov     rdi, rdx
    jmp     [rdi + P_CODE]

section .note.GNU-stack noalloc noexec nowrite progbits
