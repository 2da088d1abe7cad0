# The one list of toolchains stackprobe knows. Adding one means a toolchain file beside this
# list (toolchains/<name>.cmake) and one line here.
#
# stackprobe_toolchain(NAME HOST <Linux|Windows> [TARGET <Linux|Windows>] COMPILER <program>
#                      [EMULATOR <program>] INSTALL <command that installs it>
#                      [EMULATOR_INSTALL <command>])
# HOST is where the toolchain runs, TARGET where its programs run (default: HOST).

stackprobe_toolchain(linux-gcc HOST Linux COMPILER gcc
  INSTALL "apt-get install gcc g++ make m4 perl")
stackprobe_toolchain(linux-clang HOST Linux COMPILER clang
  INSTALL "apt-get install clang make m4 perl")
stackprobe_toolchain(mingw-w64-x86_64 HOST Linux TARGET Windows COMPILER x86_64-w64-mingw32-gcc EMULATOR wine
  INSTALL "apt-get install gcc-mingw-w64-x86-64 make m4 perl"
  EMULATOR_INSTALL "apt-get install wine wine64")
stackprobe_toolchain(mingw-w64-i686 HOST Linux TARGET Windows COMPILER i686-w64-mingw32-gcc EMULATOR wine
  INSTALL "apt-get install gcc-mingw-w64-i686 make m4 perl"
  EMULATOR_INSTALL "dpkg --add-architecture i386 && apt-get update && apt-get install wine wine32")
stackprobe_toolchain(msvc HOST Windows COMPILER cl
  INSTALL "winget install Microsoft.VisualStudio.2022.BuildTools --override \"--add Microsoft.VisualStudio.Workload.VCTools --includeRecommended\", then run from a Developer Command Prompt")
stackprobe_toolchain(msys2-mingw64 HOST Windows COMPILER x86_64-w64-mingw32-gcc
  INSTALL "winget install MSYS2.MSYS2, then in its MINGW64 shell: pacman -S mingw-w64-x86_64-gcc mingw-w64-x86_64-cmake mingw-w64-x86_64-ninja make m4 perl")
stackprobe_toolchain(clang-cl HOST Windows COMPILER clang-cl
  INSTALL "winget install LLVM.LLVM (or the Visual Studio component Microsoft.VisualStudio.Component.VC.Llvm.Clang), then run from a Developer Command Prompt")
