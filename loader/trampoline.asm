; ring3_trampoline: the last code ring3-load runs, copied into an anonymous
; page of its own (written, then made read+execute: never both writable
; and executable). From there it removes ring3-load from the process and
; hands the CPU to the program, so that the process looks exec'd:
;
;   1. munmap ring3-load's whole image. The kernel refuses to change
;      /proc/self/exe while any mapping of the old executable remains
;      (kernel/fork.c, replace_mm_exe_file: EBUSY).
;   2. prctl(PR_SET_MM, PR_SET_MM_MAP, &map, sizeof map): /proc/self/exe
;      (exe_fd), cmdline, environ, auxv, code/data bounds and the brk heap
;      in one call (kernel/sys.c, prctl_set_mm_map). exe_fd needs
;      CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN and fails with EPERM
;      without; the rest needs no capability. On any failure the call is
;      made again without exe_fd, and the message prepared for that case
;      (if any: --trace) goes to stderr.
;   3. close the program's descriptor, reset the CPU state the way execve
;      leaves it (see jump.asm: every general-purpose register zero, rdx
;      most of all, a clean x87/SSE state, no FS base) and jump.
;
; It reads nothing of ring3-load's image after step 1: every input is in
; the parameter block rdi points to, on the stack (see Params below and
; struct TrampolineParams in loader/main.cpp). The code is in .rodata: it
; is copied, never run where it is linked; position-independent (no
; absolute address, no reference outside itself).

bits 64
default rel

SYS_WRITE      equ 1
SYS_CLOSE      equ 3
SYS_MUNMAP     equ 11
SYS_PRCTL      equ 157
SYS_ARCH_PRCTL equ 158
ARCH_SET_FS    equ 0x1002
PR_SET_MM      equ 35
PR_SET_MM_MAP  equ 14

; The parameter block (8-byte fields unless noted).
P_UNMAP_ADDR   equ 0
P_UNMAP_LEN    equ 8
P_ENTRY        equ 16
P_SP           equ 24
P_MAP          equ 32           ; struct prctl_mm_map, 104 bytes
MAP_SIZE       equ 104
P_MAP_EXE_FD   equ P_MAP + 100  ; its exe_fd (32-bit)
P_FD           equ 136          ; descriptor to close (32-bit), -1 for none
P_RESET_FS     equ 140          ; nonzero: set the FS base to 0 (32-bit)
P_MSG_NO_EXE   equ 144          ; (pointer, length): exe_fd refused, the rest set
P_MSG_NONE     equ 160          ; (pointer, length): nothing could be set

section .rodata

global ring3_trampoline:data hidden
global ring3_trampoline_end:data hidden
ring3_trampoline:
    mov     rbx, rdi
    mov     eax, SYS_MUNMAP
    mov     rdi, [rbx + P_UNMAP_ADDR]
    mov     rsi, [rbx + P_UNMAP_LEN]
    syscall
    call    .set_mm
    test    rax, rax
    jz      .identity_done
    mov     dword [rbx + P_MAP_EXE_FD], -1
    call    .set_mm
    lea     rsi, [rbx + P_MSG_NO_EXE]
    test    rax, rax
    jz      .report
    lea     rsi, [rbx + P_MSG_NONE]
.report:
    mov     rdx, [rsi + 8]
    mov     rsi, [rsi]
    test    rdx, rdx
    jz      .identity_done
    mov     eax, SYS_WRITE
    mov     edi, 2
    syscall
.identity_done:
    mov     edi, [rbx + P_FD]
    test    edi, edi
    js      .closed
    mov     eax, SYS_CLOSE
    syscall
.closed:
    cmp     dword [rbx + P_RESET_FS], 0
    je      .fs_clean
    mov     eax, SYS_ARCH_PRCTL
    mov     edi, ARCH_SET_FS
    xor     esi, esi
    syscall
.fs_clean:
    mov     rax, [rbx + P_ENTRY]
    mov     rsp, [rbx + P_SP]
    mov     [rsp - 8], rax      ; below the new stack: free memory
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
    xor     edx, edx            ; no exit hook (System V ABI, 3.4.1)
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

; prctl(PR_SET_MM, PR_SET_MM_MAP, &map, sizeof map, 0); rax = result.
.set_mm:
    mov     eax, SYS_PRCTL
    mov     edi, PR_SET_MM
    mov     esi, PR_SET_MM_MAP
    lea     rdx, [rbx + P_MAP]
    mov     r10d, MAP_SIZE
    xor     r8d, r8d
    syscall
    ret
ring3_trampoline_end:

section .note.GNU-stack noalloc noexec nowrite progbits
