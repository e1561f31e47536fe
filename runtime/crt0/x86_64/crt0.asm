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
; Startup, in the order each step's prerequisites demand:
;   1. a static-PIE program relocates itself (runtime/src/freestanding/
;      self_relocate.cpp, linked only into static-PIE programs): until then
;      no stored address (GOT, vtable, init_array) may be used;
;   2. static TLS: when the program has a PT_TLS segment, a TLS block (the
;      .tdata image, zeroed .tbss, then the thread control block) is carved
;      out of the initial stack, below argv, and %fs points at the TCB.
;      This is x86_64 TLS variant II (Drepper, "ELF Handling For Thread-
;      Local Storage", 3.4.2): the image ends at the thread pointer, and
;      %fs:0 holds the TCB's own address. The program headers are found
;      through the linker-defined __ehdr_start: no auxv walk;
;   3. the stack-protector canary (%fs:0x28), only in programs that contain
;      stack-protected code (runtime/src/freestanding/stack_chk.cpp);
;   4. process_info for getenv, getauxval and program_name, only in
;      programs that use them (runtime/src/process.cpp);
;   5. preinit_array, then init_array (ld.lld sorts prioritised
;      constructors first), each called with (argc, argv, envp);
;   6. exit(main(argc, argv, envp)) (runtime/src/freestanding/exit.cpp).
; No C++ code runs before the canary exists; a program with neither TLS nor
; a canary makes no system call for them. Steps 1, 3 and 4 are behind link
; flags (runtime/include/ring3/detail/link_flags.hpp): weak absolute
; symbols, 1 when the object defining them was linked, else 0, tested
; without any relocation. This is assembly rather than C++ because it runs
; before C++'s prerequisites exist, and because every program carries it:
; `hello` fits in 1 KiB.

bits 64
default rel

; Byte-aligned: nothing here is hot, and every program carries it.
section .text align=1

global _start:function
global exit:function
extern main
extern __fini_array_start
extern __fini_array_end
extern __ehdr_start
extern __preinit_array_start
extern __preinit_array_end
extern __init_array_start
extern __init_array_end
extern __ring3_static_pie_linked:weak
extern __ring3_self_relocate:weak
extern __ring3_canary_linked:weak
extern __ring3_setup_canary:weak
extern __ring3_process_info_linked:weak
extern __ring3_save_process_info:weak
extern __ring3_atexit_linked:weak
extern __ring3_run_atexit:weak
extern __ring3_streams_linked:weak
extern __ring3_flush_streams:weak

ET_DYN      equ 3
PT_TLS      equ 7
ARCH_SET_FS equ 0x1002
SYS_arch_prctl equ 158
TCB_SIZE    equ 120             ; the TCB fields compilers and glibc use end at 0x38

_start:
    xor     ebp, ebp            ; mark the outermost frame for unwinders and gdb
    mov     r12, rsp            ; r12: the initial stack (argc, argv, ...)
    and     rsp, -16

    ; 1. Static-PIE self-relocation.
    mov     ecx, __ring3_static_pie_linked
    jrcxz   .tls
    call    __ring3_self_relocate wrt ..plt

.tls:
    ; 2. Find PT_TLS; r11 = load bias (the header's address for ET_DYN).
    xor     r13d, r13d          ; r13: the TCB, 0 while there is none
    lea     rdi, [rel __ehdr_start]
    xor     r11d, r11d
    cmp     byte [rdi + 16], ET_DYN ; e_type
    cmove   r11, rdi
    mov     rsi, [rdi + 32]     ; e_phoff
    add     rsi, rdi
    movzx   ecx, word [rdi + 56] ; e_phnum (at least 1: the PT_LOAD of this code)
.phdr:
    cmp     dword [rsi], PT_TLS
    je      .found
    add     rsi, 56
    loop    .phdr
    jmp     .canary
.found:
    mov     rdx, [rsi + 40]     ; p_memsz
    test    rdx, rdx
    jz      .canary
    ; rdx = image size: p_memsz rounded up to p_align, as the linker
    ; assumed when it computed each variable's offset from the thread
    ; pointer; rcx = -(the thread pointer's alignment: p_align, >= 64).
    ; (ld.lld always writes a p_align of at least 1.)
    mov     rax, [rsi + 48]     ; p_align
    push    64
    pop     rcx
    cmp     rax, rcx
    cmova   rcx, rax
    neg     rcx
    lea     rdx, [rdx + rax - 1]
    neg     rax
    and     rdx, rax
    ; r13 = TCB = thread pointer, aligned, TCB_SIZE bytes below the stack
    ; in use; the image takes the rdx bytes below it; the stack goes on
    ; below the image.
    lea     r13, [rsp - TCB_SIZE]
    and     r13, rcx
    mov     rdi, r13
    sub     rdi, rdx
    mov     rsp, rdi
    lea     rcx, [rdx + TCB_SIZE]
    xor     eax, eax
    rep     stosb               ; zero the image (.tbss) and the TCB
    mov     rdi, rsp
    mov     rcx, [rsi + 32]     ; p_filesz: the .tdata image
    mov     rsi, [rsi + 16]     ; p_vaddr
    add     rsi, r11
    rep     movsb               ; copy .tdata
    mov     [r13], r13          ; %fs:0x00, the TCB's own address
    mov     [r13 + 16], r13     ; %fs:0x10, likewise (glibc's header.self)
    mov     edi, ARCH_SET_FS
    mov     rsi, r13
    mov     eax, SYS_arch_prctl
    syscall

.canary:
    ; 3. The canary. It gets the TCB (or 0: then it provides one) and the
    ;    initial stack (for AT_RANDOM).
    and     rsp, -16
    mov     ecx, __ring3_canary_linked
    jrcxz   .process
    mov     rdi, r13
    mov     rsi, r12
    call    __ring3_setup_canary wrt ..plt

.process:
    ; 4. process_info.
    mov     ecx, __ring3_process_info_linked
    jrcxz   .init
    mov     rdi, r12
    call    __ring3_save_process_info wrt ..plt

.init:
    ; 5. Constructors. r13d = argc, r14 = argv, r15 = envp, kept across
    ;    calls (callee-saved), as each entry gets them as arguments.
    mov     r13d, [r12]
    lea     r14, [r12 + 8]
    lea     r15, [r14 + r13*8 + 8]
    lea     rbx, [rel __preinit_array_start]
    lea     rbp, [rel __preinit_array_end]
    call    run_array
    lea     rbx, [rel __init_array_start]
    lea     rbp, [rel __init_array_end]
    call    run_array

    ; 6. main, then exit with its status.
    mov     edi, r13d
    mov     rsi, r14
    mov     rdx, r15
    call    main wrt ..plt
    mov     edi, eax
    ; fall through into exit, with rsp % 16 == 0 (not == 8 as after a call)

; exit(status), C's and C++'s [basic.start.term], for main's return and
; for any caller:
;   1. atexit / __cxa_atexit handlers, last registered first; static
;      destructors are registered as each object is constructed, so they
;      interleave with atexit handlers as the standard requires; handlers
;      registered while exiting run too (runtime/src/freestanding/atexit.cpp);
;   2. fini_array (__attribute__((destructor))), last entry first;
;   3. the buffered streams are flushed; a failed stdout makes status 1;
;   4. exit_group(status).
; Steps 1 and 3 exist only in programs that link those features.
; Entry: from _start's fall-through (rsp % 16 == 0) or from a `call exit`
; (rsp % 16 == 8), or from a caller that broke the ABI. exit never
; returns, so it realigns rsp itself rather than assuming one of these:
; every function it calls then gets the 16-byte alignment the System V
; ABI (3.2.2) promises, which compilers rely on for movaps of vector and
; zeroed-array locals.
exit:
    mov     r12d, edi           ; the status; nothing is returned to
    and     rsp, -16            ; the ABI's alignment, however exit was entered
    mov     ecx, __ring3_atexit_linked
    jrcxz   .fini
    call    __ring3_run_atexit wrt ..plt
.fini:
    lea     rbx, [rel __fini_array_end]
    lea     rbp, [rel __fini_array_start]
.fini_next:
    cmp     rbx, rbp
    je      .flush
    sub     rbx, 8
    call    [rbx]
    jmp     .fini_next
.flush:
    mov     edi, r12d
    mov     ecx, __ring3_streams_linked
    jrcxz   .exit_group
    call    __ring3_flush_streams wrt ..plt
    mov     edi, eax            ; the status, 1 if stdout failed
.exit_group:
    mov     eax, 231            ; exit_group (syscall keeps edi)
    syscall
    jmp     .exit_group

; Calls each function pointer in [rbx, rbp) with (argc, argv, envp).
; Entered with rsp % 16 == 8 (after the call), so one push realigns it.
run_array:
    push    rbx
.next:
    cmp     rbx, rbp
    je      .done
    mov     edi, r13d
    mov     rsi, r14
    mov     rdx, r15
    call    [rbx]
    add     rbx, 8
    jmp     .next
.done:
    pop     rbx
    ret

; No executable stack: without this note the linker would mark the stack
; executable (PT_GNU_STACK with PF_X) for the whole program.
section .note.GNU-stack noalloc noexec nowrite progbits
