; The signal return trampoline. The kernel pushes the address in
; sa_restorer as the handler's return address (arch/x86/kernel/signal.c,
; x64_setup_rt_frame); returning there must call rt_sigreturn, which
; restores the interrupted context from the frame rsp now points at.
; It must not touch the stack: the frame is the kernel's.

bits 64
section .text
global __ring3_sigreturn:function hidden
__ring3_sigreturn:
    mov     eax, 15             ; rt_sigreturn
    syscall
    ud2                         ; rt_sigreturn does not return

section .note.GNU-stack noalloc noexec nowrite progbits
