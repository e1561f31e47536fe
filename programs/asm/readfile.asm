; readfile.asm: the seed article's program, "Reading files the hard way",
; in plain NASM with no runtime at all: open a file (argv[1], or /etc/hosts),
; read it 16 bytes at a time, write each piece to stdout, exit.
;
; Kept deliberately naive, with the article's 16-byte buffer: it is the
; teaching baseline that bench/ and the tour compare ring3's C++ readfile
; against. (A short write is not retried; errors exit with status 1.)

bits 64
default rel

SYS_READ    equ 0
SYS_WRITE   equ 1
SYS_OPEN    equ 2
SYS_CLOSE   equ 3
SYS_EXIT    equ 60
BUFSIZE     equ 16

section .rodata
default_path: db "/etc/hosts", 0

section .bss
buffer: resb BUFSIZE

section .text
global _start
_start:
    mov     rdi, [rsp]              ; argc
    lea     rsi, [default_path]
    cmp     rdi, 2
    jb      .open
    mov     rsi, [rsp + 16]         ; argv[1]
.open:
    mov     rdi, rsi
    xor     esi, esi                ; O_RDONLY
    mov     eax, SYS_OPEN
    syscall
    test    rax, rax
    js      .fail
    mov     r12, rax                ; the file descriptor
.loop:
    mov     edi, r12d
    lea     rsi, [buffer]
    mov     edx, BUFSIZE
    mov     eax, SYS_READ
    syscall
    test    rax, rax
    js      .fail
    jz      .done
    mov     rdx, rax                ; write what was read
    mov     edi, 1
    lea     rsi, [buffer]
    mov     eax, SYS_WRITE
    syscall
    test    rax, rax
    js      .fail
    jmp     .loop
.done:
    mov     edi, r12d
    mov     eax, SYS_CLOSE
    syscall
    xor     edi, edi
    mov     eax, SYS_EXIT
    syscall
.fail:
    mov     edi, 1
    mov     eax, SYS_EXIT
    syscall

section .note.GNU-stack noalloc noexec nowrite progbits
