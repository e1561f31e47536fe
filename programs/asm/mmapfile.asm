; mmapfile.asm: the tour's mmap from assembly (docs/tour.md): open a file,
; ask its size with fstat, map it, write the mapping to stdout, exit.
;
; fstat fills a struct stat (x86_64: 144 bytes, st_size at offset 48;
; arch/x86/include/uapi/asm/stat.h) that this program keeps on the stack,
; its scratch space: `sub rsp, 144` makes the room, [rsp + 48] is st_size.
; `push` keeps the file descriptor there too. An empty file is not
; mapped (mmap of 0 bytes fails with EINVAL); errors exit with status 1.

bits 64
default rel

SYS_WRITE   equ 1
SYS_OPEN    equ 2
SYS_FSTAT   equ 5
SYS_MMAP    equ 9
SYS_EXIT    equ 60
STAT_SIZE   equ 144                 ; sizeof(struct stat)
ST_SIZE     equ 48                  ; offsetof(struct stat, st_size)
PROT_READ   equ 1
MAP_PRIVATE equ 2

section .text
global _start
_start:
    mov     rdi, [rsp + 16]         ; argv[1] (argv[0] is at rsp + 8)
    test    rdi, rdi
    jz      .fail
    xor     esi, esi                ; O_RDONLY
    mov     eax, SYS_OPEN
    syscall
    test    rax, rax
    js      .fail
    push    rax                     ; the descriptor, kept on the stack
    sub     rsp, STAT_SIZE          ; room for a struct stat
    mov     edi, eax
    mov     rsi, rsp
    mov     eax, SYS_FSTAT          ; fstat(fd, rsp)
    syscall
    test    rax, rax
    js      .fail
    mov     rsi, [rsp + ST_SIZE]    ; st_size
    test    rsi, rsi
    jz      .done
    xor     edi, edi                ; mmap(NULL, st_size, PROT_READ,
    mov     edx, PROT_READ          ;      MAP_PRIVATE, fd, 0)
    mov     r10d, MAP_PRIVATE
    mov     r8, [rsp + STAT_SIZE]   ; the descriptor pushed above
    xor     r9d, r9d
    mov     eax, SYS_MMAP
    syscall
    test    rax, rax
    js      .fail
    mov     rdx, [rsp + ST_SIZE]    ; write(1, the mapping, st_size)
    mov     rsi, rax
    mov     edi, 1
    mov     eax, SYS_WRITE
    syscall
    test    rax, rax
    js      .fail
.done:
    add     rsp, STAT_SIZE          ; give the scratch space back
    pop     rdi                     ; and the descriptor (exit closes it)
    xor     edi, edi
    mov     eax, SYS_EXIT
    syscall
.fail:
    mov     edi, 1
    mov     eax, SYS_EXIT
    syscall

section .note.GNU-stack noalloc noexec nowrite progbits
