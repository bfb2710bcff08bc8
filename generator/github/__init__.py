"""GitHub as the workflow: who may change what (`authorize`), reading git
revisions (`git`), the one module that talks to GitHub (`forge`), issue forms
and their intake (`forms`, `intake`), reminders and the pull-request summary."""
