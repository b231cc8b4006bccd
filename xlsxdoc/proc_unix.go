//go:build unix

package xlsxdoc

import (
	"os/exec"
	"syscall"
	"time"
)

// setProcessGroup runs soffice in its own process group, so that a
// timeout kills the whole LibreOffice process tree, not only the launcher.
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		if cmd.Process == nil {
			return nil
		}
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
	cmd.WaitDelay = 5 * time.Second
}
