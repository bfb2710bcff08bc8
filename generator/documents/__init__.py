"""Documents: the pre-filled tender invitation and the category templates as a
document model (`model`), written as Markdown (`markdown`) and Word (`word`);
`invitation` fills them from a call-off."""
