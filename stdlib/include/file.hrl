%% file.hrl -- the records of OTP's kernel/include/file.hrl, found by
%% -include_lib("kernel/include/file.hrl"): the #file_info{} that
%% file:read_file_info/1,2 returns (times are calendar datetimes unless
%% {time, posix} was asked for) and #file_descriptor{} (Moat's open files
%% are #file_descriptor{module = moat_io}).
-record(file_info,
        {size, type, access, atime, mtime, ctime, mode, links,
         major_device, minor_device, inode, uid, gid}).

-record(file_descriptor, {module, data}).
