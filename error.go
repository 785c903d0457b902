package virk

import (
	"errors"
	"fmt"
)

// Application error codes. They are few on purpose: each maps to one kind of
// reaction in the user interfaces (an HTTP status, an exit code).
const (
	ECONFLICT = "conflict"  // the action conflicts with stored data
	EINTERNAL = "internal"  // a fault in virk or its environment
	EINVALID  = "invalid"   // the input is wrong; the message says how
	ENOTFOUND = "not_found" // the thing asked for does not exist
)

// Error is an error whose message is safe to show to a user. Any other error
// is treated as internal: its text may hold paths or SQL and is logged, not
// shown.
type Error struct {
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("virk error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of the first *Error in err's
// chain, or a generic message for internal errors.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Intern feil."
}
