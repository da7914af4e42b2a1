MemcpyHtoD,0x00007f1000000000,16384
kernel-1.traceg
kernel-2.traceg
MemcpyDtoH,0x00007f2000000000,4096
kernel-3.traceg
