"""Loading: the only readers and writers of data files. Raw bytes are checked
(`raw_text`), composed into plain values with their positions (`composing`),
listed per folder (`folders`) and read as documents (`yaml_files`); records made
from people's input are written back by `emitting`."""
