/* Marks one version-needed entry (e.g. GLIBCXX_3.4.32) of an ELF64 shared library as weak
 * (vna_flags |= VER_FLG_WEAK), so the dynamic loader accepts a libstdc++ that lacks it.
 * No standard tool does this; see shared/notes/dependencies.md. Usage: elf-weak-version FILE VERSION */
#include <elf.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(const char *what, const char *file) { fprintf(stderr, "elf-weak-version: %s: %s\n", file, what); return 1; }

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: elf-weak-version FILE VERSION\n"); return 2; }
    FILE *f = fopen(argv[1], "r+b");
    if (!f) return fail("cannot open", argv[1]);
    fseek(f, 0, SEEK_END); long size = ftell(f); fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc(size);
    if (!buf || fread(buf, 1, size, f) != (size_t)size) return fail("cannot read", argv[1]);
    Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;
    if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_ident[EI_CLASS] != ELFCLASS64) return fail("not an ELF64 file", argv[1]);
    Elf64_Shdr *sh = (Elf64_Shdr *)(buf + eh->e_shoff);
    for (int i = 0; i < eh->e_shnum; i++) {
        if (sh[i].sh_type != SHT_GNU_verneed) continue;
        const char *strtab = (const char *)(buf + sh[sh[i].sh_link].sh_offset);
        long off = sh[i].sh_offset;
        for (;;) {
            Elf64_Verneed *vn = (Elf64_Verneed *)(buf + off);
            long aoff = off + vn->vn_aux;
            for (int a = 0; a < vn->vn_cnt; a++) {
                Elf64_Vernaux *va = (Elf64_Vernaux *)(buf + aoff);
                if (strcmp(strtab + va->vna_name, argv[2]) == 0) {
                    if (va->vna_flags & VER_FLG_WEAK) { printf("already weak\n"); return 0; }
                    unsigned short flags = va->vna_flags | VER_FLG_WEAK;
                    fseek(f, aoff + offsetof(Elf64_Vernaux, vna_flags), SEEK_SET);
                    if (fwrite(&flags, sizeof flags, 1, f) != 1) return fail("cannot write", argv[1]);
                    fclose(f);
                    printf("marked %s weak\n", argv[2]);
                    return 0;
                }
                if (!va->vna_next) break;
                aoff += va->vna_next;
            }
            if (!vn->vn_next) break;
            off += vn->vn_next;
        }
    }
    printf("no %s entry (nothing to do)\n", argv[2]);
    return 0;
}
