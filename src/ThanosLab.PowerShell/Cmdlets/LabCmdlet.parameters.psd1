@{
    Lab       = 'The lab the component belongs to (default thanoslab): the thanoslab.lab label of its container and the name of its default state folder, $HOME/.thanoslab/<lab>. Letters, digits, ''_'', ''.'' and ''-''.'
    StatePath = 'The lab state folder, instead of $HOME/.thanoslab/<lab>. ThanosLab writes the configurations it mounts into config/ there (owner-only, because a bucket configuration holds a secret) and, for the Process runtime, the pid file, state file and log of each component.'
}
