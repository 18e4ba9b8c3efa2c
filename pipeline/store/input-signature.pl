# Part k of n of the signature of raw/ (input-signature.sh runs the n parts at once, one per core), printed as one
# sha256: every n-th entry of raw/ from the k-th, in byte order, with the lstat of the three files the build reads
# in a source folder (source.json, article.txt, annotations.yaml, as SOURCE_FILES in store/sources.ts names them, which a
# test compares with @files: type, size, modification and change time, inode)
# or why there is none (ENOENT; ENOTDIR: the entry is no folder, and its own lstat counts instead: entities.json).
# The folders are neither opened nor stat-ed: at 100,000 sources, opening each is most of what a find costs (1.2 of
# its 1.7 s here), and the build reads no other file in them (a file added beside the three changes nothing it
# builds). A folder replaced by a link to other files changes their inodes; the build then refuses the link.
# Perl (with Time::HiRes and Digest::SHA, which git depends on) because Node's lstat is slower here, and a shell
# cannot lstat without a process per file.
#   perl pipeline/store/input-signature.pl <raw> <k> <n>
use strict;
use warnings;
use Digest::SHA;
use Errno qw(ENOENT ENOTDIR);
use Time::HiRes qw(lstat);

my ($raw, $k, $n) = @ARGV;
die "input-signature: expected <raw> <k> <n> with 0 <= k < n\n" unless defined $n && $k =~ /^\d+$/ && $n =~ /^[1-9]\d*$/ && $k < $n;
opendir(my $dh, $raw) or die "input-signature: $raw: $! (expected the folder of raw articles)\n";
my @names = sort grep { $_ ne '.' && $_ ne '..' } readdir($dh);
closedir($dh);

my $sha = Digest::SHA->new(256);
my @files = ('source.json', 'article.txt', 'annotations.yaml');
# what is signed of a file: type and permissions, size, modification and change time (to the tenth of a microsecond
# a double holds), inode
sub signed { my ($path, @s) = @_; return "$path\t$s[2]\t$s[7]\t$s[9]\t$s[10]\t$s[1]\n" }
for (my $i = $k; $i < @names; $i += $n) {
  my $name = $names[$i];
  my $folder = 0;
  for my $file (@files) {
    if (my @f = lstat("$raw/$name/$file")) { $sha->add(signed("$name/$file", @f)); $folder = 1; next }
    $folder ||= $! == ENOENT;
    $sha->add("$name/$file\t" . ($! == ENOENT ? 'ENOENT' : $! == ENOTDIR ? 'ENOTDIR' : $!) . "\n");
  }
  next if $folder;
  # not a folder (entities.json; a link, which the build refuses): the entry itself, or its absence if it left since the listing
  my @s = lstat("$raw/$name");
  $sha->add(@s ? signed($name, @s) : "$name\t$!\n");
}
print $sha->hexdigest, "\n";
