import CGSL

/// GSL's default error handler aborts the process; gradcheck checks every status instead.
/// Swift runs a global's initializer once, thread-safely, on first use.
let gslErrorHandlerOff: Void = { _ = gsl_set_error_handler_off() }()
