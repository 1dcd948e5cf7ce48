@{
    Name       = 'The container or process name. Default: the tutorial''s name for the component. Docker''s rule applies: letters, digits, ''_'', ''.'' and ''-'', starting with a letter or digit.'
    Runtime    = 'Docker (default; the tutorial''s way) or Process (the native binary from PATH or -BinaryPath, for machines without Docker).'
    Image      = 'Another image than the tutorial''s (Docker runtime). A missing image is pulled, with progress; if it cannot be pulled the error names the image.'
    BinaryPath = 'The executable to run with -Runtime Process; default the prometheus, thanos or minio binary found on PATH.'
    Network    = 'Host (default): --net=host as in the tutorial, components reach each other on 127.0.0.1. Bridge: the thanoslab network with every port published on the host (works on Docker Desktop too); components started there reach each other by name. The network is removed when its last component stops.'
    Force      = 'Replace a component of the same name that runs with a different specification. Without it that is an error; a component with the same specification is returned as it is either way. A container that ThanosLab did not start is never replaced. Start-ThanosPrometheus: -Force also answers yes when -RetentionTime would delete blocks.'
    Timeout    = 'How long to wait for the component to answer its readiness endpoint (default 2 minutes). A TimeSpan or a quoted duration such as ''30s'', up to 7 days; a negative or longer one is the error TimeoutOutOfRange, before anything starts.'
}
