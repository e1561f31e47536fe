; crt0 for x86_64 Linux: the process entry point of every ring3 program.
;
; The kernel (fs/binfmt_elf.c, create_elf_tables) starts a program at
; _start with rsp pointing at
;     argc | argv[0..argc-1] | NULL | envp[...] | NULL | auxv pairs | AT_NULL
; and rsp 16-byte aligned. Every other register is unspecified except rdx,
; which the System V ABI (section 3.4.1) defines as a function pointer to
; register with atexit, or 0. A static program has nothing to register: the
; kernel and ring3-load both pass 0.
;
; All of the work happens in C++ (runtime/src/start.cpp); this file only
; sets up what C++ cannot: the outermost frame and the stack pointer.

bits 64
default rel

section .text

global _start:function
extern __ring3_start

_start:
    xor     ebp, ebp            ; mark the outermost frame for unwinders and gdb
    mov     rdi, rsp            ; argument 1: the initial stack (argc first)
    and     rsp, -16            ; the ABI wants rsp % 16 == 0 before a call
    call    __ring3_start wrt ..plt   ; [[noreturn]]: exits with main's status
    ud2                         ; never reached

; No executable stack: without this note the linker would mark the stack
; executable (PT_GNU_STACK with PF_X) for the whole program.
section .note.GNU-stack noalloc noexec nowrite progbits
