; ring3_jump(entry, sp, reset_fs): the last thing ring3-load does. Hands
; the CPU to the loaded program in the state execve leaves a new program in.
;
;   rdi = the program's entry point, rsi = its initial stack pointer
;         (argc at [rsi], 16-byte aligned: System V x86_64 ABI, 3.4.1),
;   dl  = nonzero if ring3-load's startup set an FS base
;
; The kernel starts a program with every general-purpose register zero
; (arch/x86/kernel/process_64.c, start_thread; ELF_PLAT_INIT), a clean
; x87/SSE state and no FS base. rdx matters most: the ABI makes it a
; function pointer the program registers with atexit, so anything but 0
; is called at exit. ring3-load is built without a stack protector, so its
; startup leaves FS alone; were it built with one, FS would point at its
; canary block and is reset here (after which no C++ code may run: a
; canary check would read %fs:0x28).

bits 64
default rel

SYS_ARCH_PRCTL equ 158
ARCH_SET_FS    equ 0x1002

section .text

global ring3_jump:function hidden
ring3_jump:
    mov     rsp, rsi
    mov     [rsp - 8], rdi      ; the entry, below the new stack: free memory
    test    dl, dl
    jz      .fs_clean
    mov     eax, SYS_ARCH_PRCTL
    mov     edi, ARCH_SET_FS
    xor     esi, esi
    syscall                     ; FS base 0, as after execve
.fs_clean:
    cld
    fninit
    xorps   xmm0, xmm0
    xorps   xmm1, xmm1
    xorps   xmm2, xmm2
    xorps   xmm3, xmm3
    xorps   xmm4, xmm4
    xorps   xmm5, xmm5
    xorps   xmm6, xmm6
    xorps   xmm7, xmm7
    xorps   xmm8, xmm8
    xorps   xmm9, xmm9
    xorps   xmm10, xmm10
    xorps   xmm11, xmm11
    xorps   xmm12, xmm12
    xorps   xmm13, xmm13
    xorps   xmm14, xmm14
    xorps   xmm15, xmm15
    xor     eax, eax
    xor     ebx, ebx
    xor     ecx, ecx
    xor     edx, edx            ; no exit hook
    xor     esi, esi
    xor     edi, edi
    xor     ebp, ebp            ; the outermost frame
    xor     r8d, r8d
    xor     r9d, r9d
    xor     r10d, r10d
    xor     r11d, r11d
    xor     r12d, r12d
    xor     r13d, r13d
    xor     r14d, r14d
    xor     r15d, r15d
    jmp     [rsp - 8]

section .note.GNU-stack noalloc noexec nowrite progbits
