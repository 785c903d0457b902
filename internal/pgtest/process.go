package pgtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// process is a PostgreSQL server run from a temporary directory.
type process struct {
	dir  string // holds data/, sock/ and postgres.log
	port int
	cmd  *exec.Cmd
	done chan struct{} // closed when the server has exited
}

// startProcess initialises a cluster in a temporary directory and starts
// a server on it, tuned for tests: no fsync, TCP on 127.0.0.1 only.
func startProcess() (_ *process, err error) {
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	cred, err := credential()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "virk-pgtest-")
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(dir)
		}
	}()
	sock := filepath.Join(dir, "sock")
	if err := os.Mkdir(sock, 0o700); err != nil {
		return nil, err
	}
	if cred != nil {
		// initdb and postgres refuse to run as root, so they run as the
		// postgres user, who must own the directories they write.
		for _, d := range []string{dir, sock} {
			if err := os.Chown(d, int(cred.Uid), int(cred.Gid)); err != nil {
				return nil, err
			}
		}
	}
	data := filepath.Join(dir, "data")
	initdb := command(bin, "initdb", cred, dir, "-D", data, "-A", "trust", "-U", "postgres",
		"--no-sync", "-E", "UTF8", "--locale=C")
	if out, err := initdb.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("initdb: %w\n%s", err, out)
	}
	p := &process{dir: dir, done: make(chan struct{})}
	if p.port, err = freePort(); err != nil {
		return nil, err
	}
	if err := p.start(bin, cred, data, sock); err != nil {
		return nil, err
	}
	if err := p.wait(30 * time.Second); err != nil {
		p.stop()
		return nil, err
	}
	return p, nil
}

// start runs postgres in the background, logging to postgres.log.
func (p *process) start(bin string, cred *syscall.Credential, data, sock string) error {
	log, err := os.Create(filepath.Join(p.dir, "postgres.log"))
	if err != nil {
		return err
	}
	defer log.Close() // the child has its own copy
	p.cmd = command(bin, "postgres", cred, p.dir, "-D", data, "-p", strconv.Itoa(p.port),
		"-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="+sock,
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
	p.cmd.Stdout, p.cmd.Stderr = log, log
	if err := p.cmd.Start(); err != nil {
		return fmt.Errorf("start postgres: %w", err)
	}
	go func() {
		p.cmd.Wait()
		close(p.done)
	}()
	return nil
}

// wait waits until the server accepts connections.
func (p *process) wait(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		conn, err := pgx.Connect(ctx, p.url("postgres"))
		if err == nil {
			conn.Close(ctx)
			cancel()
			return nil
		}
		cancel()
		select {
		case <-p.done:
			return fmt.Errorf("postgres exited: %s", p.logTail())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("postgres did not accept connections within %v: %v\n%s", timeout, err, p.logTail())
		}
	}
}

// stop shuts the server down fast (SIGINT), kills it if it lingers, and
// removes its directory.
func (p *process) stop() {
	if p.cmd != nil && p.cmd.Process != nil {
		p.cmd.Process.Signal(syscall.SIGINT)
		select {
		case <-p.done:
		case <-time.After(10 * time.Second):
			p.cmd.Process.Kill()
			<-p.done
		}
	}
	os.RemoveAll(p.dir)
}

// url returns the URL of database db on the server.
func (p *process) url(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", p.port, db)
}

// logTail returns the end of the server log, for error messages.
func (p *process) logTail() string {
	buf, _ := os.ReadFile(filepath.Join(p.dir, "postgres.log"))
	if len(buf) > 2000 {
		buf = buf[len(buf)-2000:]
	}
	return string(bytes.TrimSpace(buf))
}

// command returns a command for one of the PostgreSQL programs, run as
// the user of cred (nil: the current user) in dir, with a clean
// environment so that the caller's PG* variables do not leak in.
func command(bin, name string, cred *syscall.Credential, dir string, args ...string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(bin, name), args...)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "LC_ALL=C", "TZ=UTC"}
	// Pdeathsig stops the server if the test binary dies without calling
	// Stop, e.g. on a timeout panic; Setpgid keeps a Ctrl-C in the
	// terminal from reaching it before Stop does.
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGKILL, Setpgid: true}
	return cmd
}

// credential returns the postgres system user's ids when running as
// root, and nil otherwise.
func credential() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("running as root, and initdb will not: %w", err)
	}
	uid, err := strconv.ParseUint(u.Uid, 10, 32)
	if err != nil {
		return nil, err
	}
	gid, err := strconv.ParseUint(u.Gid, 10, 32)
	if err != nil {
		return nil, err
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), NoSetGroups: true}, nil
}

// binDir finds the directory of initdb and postgres: the newest
// /usr/lib/postgresql/*/bin (Debian), then pg_config --bindir, then PATH.
func binDir() (string, error) {
	var dirs []string
	if matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin"); len(matches) > 0 {
		slices.SortFunc(matches, func(a, b string) int { return versionOf(b) - versionOf(a) })
		dirs = append(dirs, matches...)
	}
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		dirs = append(dirs, strings.TrimSpace(string(out)))
	}
	if path, err := exec.LookPath("initdb"); err == nil {
		dirs = append(dirs, filepath.Dir(path))
	}
	for _, d := range dirs {
		if isExecutable(filepath.Join(d, "initdb")) && isExecutable(filepath.Join(d, "postgres")) {
			return d, nil
		}
	}
	return "", errors.New("no initdb and postgres found in /usr/lib/postgresql/*/bin, pg_config --bindir or PATH")
}

// versionOf returns the major version in a path /usr/lib/postgresql/N/bin.
func versionOf(dir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
	return n
}

// isExecutable reports whether path is an executable file.
func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
