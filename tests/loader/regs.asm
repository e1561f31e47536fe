; What the CPU looks like at a program's first instruction. The kernel
; (start_thread, ELF_PLAT_INIT) clears every general-purpose register,
; starts with a clean FPU/SSE state, no FS base, DF clear and a 16-byte
; aligned rsp; ring3-load's jump must leave the same. Prints one hex mask,
; a bit per difference, then exits 0:
;   bits 0-14 rax rbx rcx rdx rsi rdi rbp r8..r15 not zero
;   bit 16 rsp not 16-byte aligned    bit 17 FS base not 0
;   bit 18 DF set                     bit 19 an xmm register not zero
;   bit 20 MXCSR not 0x1f80           bit 21 x87 control word not 0x37f
bits 64
default rel

section .bss
scratch: resq 2

section .text
global _start
_start:
    ; r15 collects the mask; registers are tested before anything is used.
    ; Each test: set bit k of r15 if the register is not zero. The first
    ; ones go through the stack so that no register is clobbered early.
    push    r15
    xor     r15d, r15d
%macro test_reg 2
    cmp     %1, 0
    je      %%zero
    bts     r15, %2
%%zero:
%endmacro
    test_reg rax, 0
    test_reg rbx, 1
    test_reg rcx, 2
    test_reg rdx, 3
    test_reg rsi, 4
    test_reg rdi, 5
    test_reg rbp, 6
    test_reg r8, 7
    test_reg r9, 8
    test_reg r10, 9
    test_reg r11, 10
    test_reg r12, 11
    test_reg r13, 12
    test_reg r14, 13
    pop     rax                 ; the original r15
    test_reg rax, 14
    test    rsp, 15
    jz      .aligned
    bts     r15, 16
.aligned:
    pushfq
    pop     rax
    bt      rax, 10             ; DF
    jnc     .df_clear
    bts     r15, 18
.df_clear:
    por     xmm0, xmm1
    por     xmm0, xmm2
    por     xmm0, xmm3
    por     xmm0, xmm4
    por     xmm0, xmm5
    por     xmm0, xmm6
    por     xmm0, xmm7
    por     xmm0, xmm8
    por     xmm0, xmm9
    por     xmm0, xmm10
    por     xmm0, xmm11
    por     xmm0, xmm12
    por     xmm0, xmm13
    por     xmm0, xmm14
    por     xmm0, xmm15
    movdqu  [scratch], xmm0
    mov     rax, [scratch]
    or      rax, [scratch + 8]
    jz      .xmm_zero
    bts     r15, 19
.xmm_zero:
    stmxcsr [scratch]
    cmp     dword [scratch], 0x1f80
    je      .mxcsr_ok
    bts     r15, 20
.mxcsr_ok:
    fnstcw  [scratch]
    cmp     word [scratch], 0x37f
    je      .fpu_ok
    bts     r15, 21
.fpu_ok:
    mov     eax, 158            ; arch_prctl(ARCH_GET_FS, &scratch)
    mov     edi, 0x1003
    lea     rsi, [scratch]
    syscall
    cmp     qword [scratch], 0
    je      .fs_ok
    bts     r15, 17
.fs_ok:
    ; Print r15 as 8 hex digits and a newline.
    sub     rsp, 16
    mov     rcx, 8
.digit:
    mov     rax, r15
    and     eax, 15
    lea     rdx, [hexdigits]
    mov     al, [rdx + rax]
    mov     [rsp + rcx - 1], al
    shr     r15, 4
    loop    .digit
    mov     byte [rsp + 8], 10
    mov     eax, 1
    mov     edi, 1
    mov     rsi, rsp
    mov     edx, 9
    syscall
    mov     eax, 60
    xor     edi, edi
    syscall

section .rodata
hexdigits: db "0123456789abcdef"

section .note.GNU-stack noalloc noexec nowrite progbits
