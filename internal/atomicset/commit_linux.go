package atomicset

// Linux: the atomic exchange of two directories, advisory locks that tell a
// live run's temporaries from a killed run's, and what keeps a directory
// from being exchanged.

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// haveExchange says whether exchange can work here.
const haveExchange = true

// exchange swaps the directories a and b in one step:
// renameat2(RENAME_EXCHANGE), Linux 3.15 and later, on filesystems that
// support it (ext4, xfs, btrfs, tmpfs, overlayfs among them; not NFS).
func exchange(a, b string) error {
	if err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE); err != nil {
		return &os.LinkError{Op: "renameat2", Old: a, New: b, Err: err}
	}
	return nil
}

// unsupported reports whether a failure to link a file or to exchange the
// directories means the filesystem or its protections do not allow it (the
// run then commits through the journal) rather than a fault such as a full
// disk or an I/O error.
func unsupported(err error) bool {
	for _, e := range []error{unix.EXDEV, unix.EINVAL, unix.EPERM, unix.EACCES, unix.EMLINK, unix.ENOTSUP, unix.EOPNOTSUPP, unix.ENOSYS} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// holdLock takes an exclusive advisory lock on f without waiting. A run
// holds one on each temporary it creates; the kernel drops it when the
// process dies, however it dies, so that a later run's sweep removes only
// what no live run holds. A filesystem without locks leaves f unlocked.
func holdLock(f *os.File) { unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) }

// waitLock takes an exclusive advisory lock on f, waiting for its holder.
func waitLock(f *os.File) { unix.Flock(int(f.Fd()), unix.LOCK_EX) }

// claim takes the lock of the temporary p; ok is false when a live run
// holds it. The caller calls release when done with p.
func claim(p string) (release func(), ok bool) {
	fd, err := unix.Open(p, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	if err != nil {
		return func() {}, true // a symbolic link or unreadable: no run holds it by this name
	}
	if err := unix.Flock(fd, unix.LOCK_EX|unix.LOCK_NB); errors.Is(err, unix.EWOULDBLOCK) {
		unix.Close(fd)
		return nil, false
	}
	return func() { unix.Close(fd) }, true
}

// dirObstacle says why the directory dir cannot be replaced by a staged
// copy, or returns "": owned by another user (the copy would be ours),
// carrying a POSIX ACL (the copy would lose it), and for the output
// directory itself (top), being or holding a mount point.
func dirObstacle(dir string, top bool) string {
	fi, err := os.Lstat(dir)
	if err != nil {
		return err.Error()
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Uid) != os.Geteuid() {
		return "owned by another user"
	}
	for _, attr := range []string{"system.posix_acl_access", "system.posix_acl_default"} {
		if n, err := unix.Lgetxattr(dir, attr, nil); err == nil && n > 0 {
			return "it has an access control list"
		}
	}
	if top {
		if m := mountUnder(dir); m != "" {
			return m + " is a mount point"
		}
	}
	return ""
}

// copyGroup gives the staged directory dst the group of src.
func copyGroup(dst string, src fs.FileInfo) error {
	if st, ok := src.Sys().(*syscall.Stat_t); ok {
		return os.Lchown(dst, -1, int(st.Gid))
	}
	return nil
}

// mountUnder returns a mount point that is dir or inside it, or "". An
// exchange would move a mount point's tree with it, and removing the old
// tree would then reach into the mounted filesystem.
func mountUnder(dir string) string {
	b, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		// No /proc: a mount point has another device than its parent.
		a, errA := os.Stat(dir)
		p, errP := os.Stat(filepath.Dir(dir))
		if errA == nil && errP == nil && a.Sys().(*syscall.Stat_t).Dev != p.Sys().(*syscall.Stat_t).Dev {
			return dir
		}
		return ""
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		// 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw
		f := strings.Fields(line)
		if len(f) < 5 {
			continue
		}
		if m := unescapeMount(f[4]); within(m, dir) {
			return m
		}
	}
	return ""
}

// unescapeMount undoes the octal escapes (\040 for a space) of a mount
// point in /proc/self/mountinfo.
func unescapeMount(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+4 <= len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
